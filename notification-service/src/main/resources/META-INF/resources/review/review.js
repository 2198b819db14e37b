// The ministry's review: the reports awaiting it, filtered by priority, province and period, each with
// its content, the bureau approver's note and what its last version changed; accept or return it.
import { TEXT } from '/dashboard/i18n.js';
import { $, el, ApiError, Session, openStream } from '/dashboard/common.js';
import { content, decisions, versionDiff } from '/dashboard/report-parts.js';
import { notice, renderHeader, showSignIn, startPage } from '/dashboard/page.js';
import { WORDS } from './words.js';

const REVIEWER = 'ministry-reviewer';
const MINISTRY = ['ministry-admin', REVIEWER, 'viewer'];
const PAGE_SIZE = 200;
const AWAITING = 'AWAITING';
const STATES = [AWAITING, 'SUBMITTED', 'APPROVED', 'RETURNED', 'ACCEPTED', ''];

const state = {
    lang: localStorage.getItem('tracker_lang') || 'zh',
    config: null,
    plan: null,
    calendar: null,
    priorities: [],
    provinces: [],
    reports: [],
    total: 0,
    open: null,             // { report, etag, versions }
    connection: 'connecting',
    stream: null,
};

const session = new Session(() => {
    state.stream?.close();
    showSignIn(TEXT[state.lang].signinFailed);
});
const w = () => WORDS[state.lang];
const title = (thing) => (state.lang === 'zh' ? thing.titleZh : thing.titleEn);
const progress = (path, options) => session.call(state.config.progressServiceUrl, path, options);

function provinceName(code) {
    const province = state.provinces.find((p) => p.code === code);
    return province ? (state.lang === 'zh' ? province.nameZh : province.nameEn) : code;
}

function item(code) {
    for (const priority of state.priorities) {
        const found = priority.items.find((i) => i.code === code);
        if (found) return found;
    }
    return null;
}

// ---- rendering ----------------------------------------------------------------------------------

function renderChrome() {
    const words = w();
    renderHeader(state.lang, words, session, state.connection);
    const labels = { 'queue-title': words.queue, 'priority-label': words.priority, 'province-label': words.province,
        'period-label': words.period, 'state-label': words.state, 'comment-label': words.comment, 'accept': words.accept,
        'return': words.returnReport, 'close-detail': words.close };
    for (const [id, text] of Object.entries(labels)) $(id).textContent = text;
    $('queue-help').textContent = state.calendar ? words.queueHelp(state.plan, state.calendar.bureauApproval) : '';
}

/** The filters' options; what was chosen stays chosen when the language changes. */
function renderFilters() {
    const words = w();
    const option = (value, text, selected) => el('option', { value, text, selected: value === selected });
    const chosen = (id) => $(id).value;
    const priority = chosen('filter-priority');
    $('filter-priority').replaceChildren(option('', words.all, priority),
        ...state.priorities.map((p) => option(p.code, `${p.code} ${title(p)}`, priority)));
    const province = chosen('filter-province');
    $('filter-province').replaceChildren(option('', words.all, province),
        ...state.provinces.map((p) => option(p.code, provinceName(p.code), province)));
    const period = chosen('filter-period');
    $('filter-period').replaceChildren(option('', words.all, period),
        ...(state.calendar?.periods || []).map((p) => option(p.period, p.period, period)));
    const selectedState = $('filter-state').options.length > 0 ? chosen('filter-state') : AWAITING;
    const reviewWords = TEXT[state.lang].reviewState;
    $('filter-state').replaceChildren(...STATES.map((s) => option(s, s === AWAITING ? words.awaiting : s === '' ? words.all
        : reviewWords[s], selectedState)));
}

function renderQueue() {
    const words = w();
    const shared = TEXT[state.lang];
    $('queue-count').textContent = words.count(state.reports.length, state.total);
    const head = el('tr', {}, ...[words.code, words.province, words.period, words.percent, words.status, words.state,
        words.submittedAt].map((text) => el('th', { scope: 'col', text })));
    const rows = state.reports.map((report) => el('tr', { 'data-report': report.id, 'data-item': report.itemCode,
        'data-province': report.provinceCode, 'data-period': report.period, 'data-state': report.reviewState,
        tabindex: 0, className: state.open?.report.id === report.id ? 'selected' : null,
        onclick: () => openReport(report.id), onkeydown: (event) => event.key === 'Enter' && openReport(report.id) },
        el('td', {}, el('span', { className: 'code', text: report.itemCode }), ' ', item(report.itemCode) ? title(item(report.itemCode)) : ''),
        el('td', { text: provinceName(report.provinceCode) }),
        el('td', { text: report.period }),
        el('td', { text: `${Number(report.percentComplete)}%` }),
        el('td', { text: shared.reportStatus[report.status] || report.status }),
        el('td', {}, el('span', { className: `badge badge-${report.reviewState}`, text: shared.reviewState[report.reviewState] })),
        el('td', { text: new Date(report.submittedAt).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB') })));
    $('queue').replaceChildren(el('thead', {}, head),
        el('tbody', {}, ...(rows.length > 0 ? rows : [el('tr', {}, el('td', { colspan: 7, className: 'empty', text: words.nothing }))])));
}

function renderDetail() {
    const open = state.open;
    $('detail-section').hidden = !open;
    if (!open) return;
    const words = w();
    const report = open.report;
    const statusWords = TEXT[state.lang].reportStatus;
    const found = item(report.itemCode);
    $('detail-title').textContent = words.detail(report.itemCode, found ? title(found) : '', provinceName(report.provinceCode),
        report.period);
    $('detail-section').dataset.report = report.id;
    $('detail-section').dataset.state = report.reviewState;
    $('detail').replaceChildren(...decisions(report, state.lang), content(report, statusWords, state.lang),
        versionDiff(open.versions, statusWords, state.lang) || '');
    const decides = session.has(REVIEWER) && awaitsMinistry(report);
    $('accept').hidden = !decides;
    $('return').hidden = !decides;
    $('review-comment').hidden = !decides;
    $('comment-label').textContent = decides ? words.comment : words.readOnly;
}

function awaitsMinistry(report) {
    return report.reviewState === 'APPROVED' || report.reviewState === 'SUBMITTED' && state.calendar?.bureauApproval !== 'REQUIRED';
}

// ---- data ---------------------------------------------------------------------------------------

async function loadCatalogue() {
    const [priorities, provinces] = await Promise.all([
        session.get(state.config.taskServiceUrl, '/api/priorities'),
        session.get(state.config.taskServiceUrl, '/api/provinces'),
    ]);
    state.priorities = priorities;
    state.provinces = provinces;
    state.plan = priorities[0]?.planYear ?? null;
    state.calendar = state.plan ? await session.get(state.config.progressServiceUrl, '/api/calendars/' + state.plan) : null;
}

/** The filtered reports. "Awaiting the ministry" is APPROVED in a two-level year, SUBMITTED or APPROVED in a one-level one. */
async function loadQueue() {
    const filters = new URLSearchParams({ plan: state.plan, size: PAGE_SIZE });
    for (const [name, id] of [['priority', 'filter-priority'], ['province', 'filter-province'], ['period', 'filter-period']]) {
        if ($(id).value) filters.set(name, $(id).value);
    }
    const chosen = $('filter-state').value;
    const states = chosen !== AWAITING ? [chosen]
        : state.calendar?.bureauApproval === 'REQUIRED' ? ['APPROVED'] : ['SUBMITTED', 'APPROVED'];
    const pages = await Promise.all(states.map((reviewState) => {
        const query = new URLSearchParams(filters);
        if (reviewState) query.set('reviewState', reviewState);
        return progress('/api/reports?' + query).then((answer) => answer.body);
    }));
    // Oldest first: what has waited longest is reviewed first.
    state.reports = pages.flatMap((page) => page.reports).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    state.total = pages.reduce((sum, page) => sum + page.total, 0);
}

async function openReport(id) {
    try {
        const read = await progress('/api/reports/' + id);
        const versions = (await progress(`/api/reports/${id}/versions`)).body;
        if (state.open?.report.id !== id) $('review-comment').value = '';
        state.open = { report: read.body, etag: read.etag, versions };
    } catch (error) {
        notice(w().failed + error.message, 'error');
        return;
    }
    $('e-comment').textContent = '';
    renderQueue();
    renderDetail();
}

async function decide(decision) {
    const open = state.open;
    const words = w();
    const report = open.report;
    const comment = $('review-comment').value;
    if (decision === 'RETURNED' && comment.trim() === '') {
        $('e-comment').textContent = words.commentRequired;
        return;
    }
    try {
        await progress(`/api/reports/${report.id}/review`, { method: 'POST', headers: { 'If-Match': open.etag },
            json: { decision, comment: comment.trim() === '' ? null : comment } });
    } catch (error) {
        if (error instanceof ApiError && error.status === 400) {
            $('e-comment').textContent = [...error.fieldErrors().values()].join('；') || error.message;
        } else if (error instanceof ApiError && (error.status === 412 || error.status === 409)) {
            $('e-comment').textContent = words.stale;
            await openReport(report.id);
        } else {
            $('e-comment').textContent = words.failed + error.message;
        }
        return;
    }
    const name = provinceName(report.provinceCode);
    notice(decision === 'ACCEPTED' ? words.accepted(report.itemCode, name, report.period)
        : words.returned(report.itemCode, name, report.period), 'success');
    state.open = null;
    $('review-comment').value = '';
    await refresh();
}

async function refresh() {
    await loadQueue();
    renderQueue();
    renderDetail();
}

// ---- live updates and start ---------------------------------------------------------------------

let refreshTimer = null;

function connect() {
    state.stream = openStream({
        onEvent: (event) => {
            if (!event.type?.startsWith('tracker.report.')) return;
            clearTimeout(refreshTimer);
            refreshTimer = setTimeout(() => refresh().catch((error) => console.warn('refresh failed', error)), 300);
        },
        onState: (connection) => {
            state.connection = connection;
            renderChrome();
        },
        onReset: () => refresh(),
        renew: async () => {
            await session.renew();
            return session.token !== null;
        },
    });
}

async function start() {
    renderChrome();
    const loaded = await startPage({ session, lang: () => state.lang,
        allowed: () => MINISTRY.some((role) => session.has(role)),
        refusal: () => w().notMinistry,
        load: async () => {
            await loadCatalogue();
            renderFilters();
            await loadQueue();
        } });
    renderChrome();
    if (!loaded) return;
    renderQueue();
    connect();
}

async function main() {
    state.config = await (await fetch('/dashboard/config.json')).json();
    renderChrome();
    $('lang-toggle').addEventListener('click', () => {
        state.lang = state.lang === 'zh' ? 'en' : 'zh';
        localStorage.setItem('tracker_lang', state.lang);
        renderChrome();
        if (!state.calendar) return;
        renderFilters();
        renderQueue();
        renderDetail();
    });
    $('signout').addEventListener('click', () => Session.signOut());
    for (const id of ['filter-priority', 'filter-province', 'filter-period', 'filter-state']) {
        $(id).addEventListener('change', () => refresh().catch((error) => notice(w().failed + error.message, 'error')));
    }
    $('accept').addEventListener('click', () => decide('ACCEPTED'));
    $('return').addEventListener('click', () => decide('RETURNED'));
    $('close-detail').addEventListener('click', () => {
        state.open = null;
        renderQueue();
        renderDetail();
    });
    start();
}

main();
