// What the data-entry and review pages share around their content: the header, the sign-in panel,
// notices, and a start that waits for services that are restarting.
import { TEXT } from './i18n.js';
import { $ } from './common.js';

/** The header: title, the link back to the dashboard, who is signed in, the connection and the buttons. */
export function renderHeader(lang, words, session, connection) {
    const shared = TEXT[lang];
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = words.title;
    $('title').textContent = words.title;
    $('dashboard-link').textContent = words.dashboard;
    $('lang-toggle').textContent = shared.toggle;
    $('signout').textContent = shared.signout;
    $('signin-title').textContent = shared.signinTitle;
    $('signin-help').textContent = words.signinHelp;
    $('signin-link').textContent = shared.signinButton;
    $('connection').textContent = shared[connection];
    $('connection').dataset.state = connection;
    const user = session.user;
    $('who').hidden = !user;
    if (user) {
        $('who').textContent = [user.username, user.roles.map((r) => shared.roles[r] || r).join('、'),
            user.province ? shared.provinceOf(user.province) : null].filter(Boolean).join(' · ');
        $('who').dataset.username = user.username;
        $('who').dataset.roles = user.roles.join(' ');
        $('who').dataset.province = user.province || '';
    }
}

export function showSignIn(message) {
    $('page').hidden = true;
    $('signin').hidden = false;
    $('signout').hidden = true;
    $('who').hidden = true;
    $('signin-error').textContent = message || '';
}

// How long a notice stays: a return or an error asks for action, so it stays longer.
const NOTICE_MS = { success: 8_000, info: 8_000, returned: 30_000, error: 30_000 };
let noticeTimer = null;

/** A message in the page's live region: kind is success, info, returned or error. */
export function notice(text, kind) {
    const node = $('notice');
    node.textContent = text;
    node.dataset.kind = kind;
    node.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => {
        node.hidden = true;
    }, NOTICE_MS[kind] ?? 8_000);
}

/**
 * Signs in (or shows the sign-in panel), checks the role with allowed() (else shows refusal), then
 * load()s; a service that answers an error for a moment (restarting) is tried again, waiting longer
 * each time. Answers whether the page is loaded.
 */
export async function startPage({ session, lang, allowed, refusal, load }, attempt = 0) {
    const shared = TEXT[lang()];
    try {
        if (!await session.start()) {
            showSignIn();
            return false;
        }
        $('signin').hidden = true;
        $('signout').hidden = false;
        $('page').hidden = false;
        if (!allowed()) {
            $('load-error').textContent = refusal();
            $('load-error').hidden = false;
            return false;
        }
        await load();
    } catch (error) {
        if (error.status === 401) {
            showSignIn(shared.signinFailed);
            return false;
        }
        const seconds = Math.min(30, 2 ** attempt);
        $('load-error').textContent = shared.loadFailed + error.message + shared.retrying(seconds);
        $('load-error').hidden = false;
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        return startPage({ session, lang, allowed, refusal, load }, attempt + 1);
    }
    $('load-error').hidden = true;
    return true;
}
