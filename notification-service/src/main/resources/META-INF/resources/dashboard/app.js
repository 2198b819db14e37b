// The live dashboard: first picture from the REST APIs, then live updates from the event stream.
// Every piece of data is put on the page with textContent, never as HTML.
import { TEXT } from './i18n.js';
import { $, el, Session, openStream } from './common.js';
import { saveFile } from './files.js';

const FEED_SIZE = 30;

const state = {
    lang: localStorage.getItem('tracker_lang') || 'zh',
    config: null,
    priorities: [],     // from task-service, with items
    provinces: [],      // from task-service
    overview: null,     // from progress-service
    cells: new Map(),   // "item|province" -> heatmap cell
    timeliness: null,   // from progress-service, for the current plan
    obligations: null,  // a reporter's bureau's open obligations in the current plan
    timelinessSort: null, // { key, ascending } once a heading was clicked
    feed: [],           // newest first
    connection: 'connecting',
    stream: null,
};

const session = new Session(() => showSignIn(t().signinFailed));
const t = () => TEXT[state.lang];

function title(thing) {
    return state.lang === 'zh' ? thing.titleZh : thing.titleEn;
}

function api(base, path) {
    return session.get(base, path);
}

// ---- sign-in ---------------------------------------------------------------------------------

function showSignIn(message) {
    if (state.stream) state.stream.close();
    $('dashboard').hidden = true;
    $('signin').hidden = false;
    $('signout').hidden = true;
    $('who').hidden = true;
    $('signin-error').textContent = message || '';
}

// ---- rendering -------------------------------------------------------------------------------

function renderChrome() {
    const words = t();
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = words.title;
    $('title').textContent = words.title;
    $('lang-toggle').textContent = words.toggle;
    $('signout').textContent = words.signout;
    $('signin-title').textContent = words.signinTitle;
    $('signin-help').textContent = words.signinHelp;
    $('signin-link').textContent = words.signinButton;
    $('priorities-title').textContent = words.priorities;
    $('heatmap-title').textContent = words.heatmap;
    $('heatmap-legend').textContent = words.heatmapLegend;
    $('feed-title').textContent = words.feed;
    renderConnection();
    renderWho();
}

// Who is signed in: name, role and, for a reporter, the province.
function renderWho() {
    const node = $('who');
    const user = session.user;
    const granted = user?.roles || [];
    $('entry-link').hidden = !granted.some((role) => role === 'provincial-reporter' || role === 'provincial-approver');
    $('review-link').hidden = !granted.some((role) => role.startsWith('ministry-'));
    $('entry-link').textContent = t().entryPage;
    $('review-link').textContent = t().reviewPage;
    if (!user) {
        node.hidden = true;
        return;
    }
    const words = t();
    const roles = user.roles.map((role) => words.roles[role] || role).join('、');
    node.textContent = [user.username, roles, user.province ? words.provinceOf(user.province) : null]
        .filter(Boolean).join(' · ');
    node.dataset.username = user.username;
    node.dataset.roles = user.roles.join(' ');
    node.dataset.province = user.province || '';
    node.hidden = false;
}

function renderConnection() {
    const node = $('connection');
    node.textContent = t()[state.connection];
    node.dataset.state = state.connection;
}

function priorityMean(code) {
    const rollup = state.overview?.priorities.find((p) => p.priorityCode === code);
    return rollup ? rollup.meanPercent : null;
}

function renderPriorities() {
    const words = t();
    const container = $('priorities');
    container.replaceChildren();
    for (const priority of state.priorities) {
        const mean = priorityMean(priority.code);
        const bar = el('div', { className: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100,
            'aria-valuenow': mean ?? 0, 'data-mean': mean ?? '' },
            el('div', { className: 'bar-fill', style: { width: `${mean ?? 0}%` } }));
        const items = el('ul', { className: 'items' });
        for (const item of priority.items) {
            items.append(el('li', { 'data-item': item.code, 'data-status': item.status, 'data-archived': item.archived ? 'true' : null },
                el('span', { className: 'code', text: item.code }),
                el('span', { className: 'item-title', text: title(item) }),
                el('span', { className: `status status-${item.status}`, text: words.itemStatus[item.status] || item.status }),
                item.overdue ? el('span', { className: 'overdue', title: words.overdue, text: '⚠ ' + words.overdue }) : null,
                item.archived ? el('span', { className: 'archived', text: words.archived }) : null));
        }
        container.append(el('article', { className: 'priority', 'data-priority': priority.code },
            el('h3', {}, el('span', { className: 'code', text: priority.code }), ' ', title(priority)),
            el('div', { className: 'progress-line' },
                el('span', { text: words.nationalProgress }), bar,
                el('span', { className: 'mean', text: mean === null ? words.noReports : `${mean.toFixed(1)}%` })),
            items));
    }
}

function renderHeatmap() {
    const words = t();
    // Archived items expect no reports: they leave the heatmap (and keep their place in the list above).
    const items = state.priorities.flatMap((p) => p.items).filter((item) => !item.archived);
    const table = $('heatmap');
    const head = el('tr', {}, el('th', { scope: 'col', text: words.province }));
    for (const item of items) {
        head.append(el('th', { scope: 'col', title: title(item), text: item.code }));
    }
    const body = el('tbody');
    for (const province of state.provinces) {
        const row = el('tr', { 'data-province': province.code },
            el('th', { scope: 'row', text: state.lang === 'zh' ? province.nameZh : province.nameEn }));
        for (const item of items) {
            const cell = state.cells.get(item.code + '|' + province.code);
            if (cell) {
                const status = words.reportStatus[cell.status] || cell.status;
                const td = el('td', { 'data-item': item.code, 'data-status': cell.status, className: `cell cell-${cell.status}`,
                    title: `${province.nameZh} · ${item.code} · ${words.period} ${cell.period} · ${status}`, tabindex: 0 },
                    el('span', { className: 'pct', text: `${Math.round(Number(cell.percentComplete))}` }),
                    el('span', { className: 'cell-status', text: status }));
                td.addEventListener('click', () => showCell(province, item, cell));
                row.append(td);
            } else {
                row.append(el('td', { 'data-item': item.code, className: 'cell cell-none', text: '–' }));
            }
        }
        body.append(row);
    }
    table.replaceChildren(el('thead', {}, head), body);
}

/** The details of one heatmap cell, the report's narrative included, as plain text. */
async function showCell(province, item, cell) {
    const words = t();
    const detail = $('cell-detail');
    const narrative = el('p', { className: 'narrative' });
    detail.hidden = false;
    detail.replaceChildren(
        el('strong', { text: `${state.lang === 'zh' ? province.nameZh : province.nameEn} · ${item.code} ${title(item)}` }),
        el('span', { text: ` · ${words.period} ${cell.period} · ${Number(cell.percentComplete)}% · ${words.reportStatus[cell.status] || cell.status}` }),
        narrative);
    if (cell.reportId) {
        try {
            const report = await api(state.config.progressServiceUrl, '/api/reports/' + encodeURIComponent(cell.reportId));
            narrative.textContent = report.narrative || '';
        } catch (error) {
            narrative.textContent = words.loadFailed + error.message;
        }
    }
}

function renderFeed() {
    const words = t();
    const list = $('feed');
    list.replaceChildren();
    if (state.feed.length === 0) {
        list.append(el('li', { className: 'empty', text: words.feedEmpty }));
        return;
    }
    for (const event of state.feed) {
        const data = event.data || {};
        const detail = [];
        if (data.from && data.to) detail.push(`${words.itemStatus[data.from] || data.from} → ${words.itemStatus[data.to] || data.to}`);
        if (data.provinceCode) {
            const province = state.provinces.find((p) => p.code === data.provinceCode);
            detail.push(province ? (state.lang === 'zh' ? province.nameZh : province.nameEn) : data.provinceCode);
        }
        if (data.percentComplete !== undefined) detail.push(`${data.percentComplete}%`);
        if (data.status && !data.to) detail.push(words.reportStatus[data.status] || words.itemStatus[data.status] || data.status);
        const actor = data.actor || data.submittedBy || data.reviewedBy;
        list.append(el('li', { 'data-type': event.type },
            el('time', { datetime: event.time, text: new Date(event.time).toLocaleTimeString(state.lang === 'zh' ? 'zh-CN' : 'en-GB') }),
            el('span', { className: 'event-type', text: words.eventType[event.type] || event.type }),
            el('span', { className: 'code', text: event.subject }),
            el('span', { className: 'event-detail', text: detail.join(' · ') }),
            actor ? el('span', { className: 'actor', text: `${words.by} ${actor}` }) : null));
    }
}

function renderAll() {
    renderChrome();
    renderPriorities();
    renderHeatmap();
    renderTimeliness();
    renderObligations();
    renderFeed();
}

function renderObligations() {
    const words = t();
    const section = $('obligations-section');
    section.hidden = state.obligations === null;
    if (section.hidden) return;
    $('obligations-title').textContent = words.obligations;
    const list = $('obligations');
    if (state.obligations.length === 0) {
        list.replaceChildren(el('li', { className: 'empty', text: words.noObligations }));
        return;
    }
    // Late ones first, then by deadline (the server sends them by deadline).
    const sorted = [...state.obligations].sort((a, b) => Number(b.late) - Number(a.late));
    list.replaceChildren(...sorted.map((owed) => el('li', { 'data-item': owed.itemCode, 'data-period': owed.period,
        'data-late': owed.late ? 'true' : null },
        el('span', { className: 'code', text: owed.itemCode }), ' ',
        el('span', { text: title(owed) }), ' · ', el('span', { text: owed.period }), ' · ',
        el('span', { className: 'deadline', text: owed.late ? words.lateSince(owed.deadline) : words.dueBy(owed.deadline) }))));
}

const TIMELINESS_COLUMNS = ['expected', 'reported', 'onTime', 'late', 'missing', 'completenessPercent', 'timelinessPercent'];

// Each bureau's completeness and timeliness, sortable; the server's order (laggards first) until a heading is clicked.
function renderTimeliness() {
    const words = t();
    const table = $('timeliness');
    const data = state.timeliness;
    $('timeliness-title').textContent = words.timeliness;
    $('export-timeliness').textContent = words.exportTimeliness;
    $('export-reports').textContent = words.exportReports;
    if (!data) {
        $('timeliness-legend').textContent = '';
        table.replaceChildren();
        return;
    }
    $('timeliness-legend').textContent = words.timelinessLegend(data.planYear, data.periods.map((p) => p.period));
    const sort = state.timelinessSort;
    const head = el('tr', {}, el('th', { scope: 'col', text: words.province }));
    for (const key of TIMELINESS_COLUMNS) {
        head.append(el('th', { scope: 'col', 'aria-sort': sort?.key === key ? (sort.ascending ? 'ascending' : 'descending') : 'none' },
            el('button', { type: 'button', 'data-sort': key, text: words.timelinessColumns[key] })));
    }
    const bureaus = sort ? [...data.bureaus].sort((a, b) => {
        const x = a.rates[sort.key] ?? -1;
        const y = b.rates[sort.key] ?? -1;
        return (sort.ascending ? x - y : y - x) || a.provinceCode.localeCompare(b.provinceCode);
    }) : data.bureaus;
    const body = el('tbody');
    for (const bureau of bureaus) {
        const name = state.lang === 'zh' ? bureau.nameZh : bureau.nameEn;
        // A deactivated bureau keeps its row (it may owe periods due before), marked so.
        const label = bureau.active === false ? name + ' (' + words.deactivated + ')' : name;
        body.append(timelinessRow(el('th', { scope: 'row', text: label }),
            bureau.rates, { 'data-province': bureau.provinceCode, ...(bureau.active === false ? { 'data-deactivated': '' } : {}) }));
    }
    const foot = el('tfoot', {}, timelinessRow(el('th', { scope: 'row', text: words.national }), data.national, {}));
    table.replaceChildren(el('thead', {}, head), body, foot);
}

async function download(path, fileName) {
    try {
        const response = await fetch(state.config.progressServiceUrl + path, { headers: { Authorization: 'Bearer ' + session.token } });
        if (!response.ok) throw new Error('HTTP ' + response.status);
        saveFile(await response.blob(), fileName);
    } catch (error) {
        $('timeliness-legend').textContent = t().exportFailed + error.message;
    }
}

function timelinessRow(heading, rates, attributes) {
    const row = el('tr', attributes, heading);
    for (const key of TIMELINESS_COLUMNS) {
        const value = rates[key];
        const percent = key.endsWith('Percent');
        row.append(el('td', { 'data-column': key, className: percent && value !== null && value < 60 ? 'low' : null,
            text: value === null ? '–' : percent ? `${value.toFixed(1)}%` : String(value) }));
    }
    return row;
}

// ---- data ------------------------------------------------------------------------------------

async function loadOverview() {
    state.overview = await api(state.config.progressServiceUrl, '/api/rollups/overview');
}

async function loadHeatmap() {
    const heatmap = await api(state.config.progressServiceUrl, '/api/rollups/heatmap');
    state.cells = new Map(heatmap.cells.map((c) => [c.itemCode + '|' + c.provinceCode, c]));
}

// A reporter's bureau's open obligations; other roles see the timeliness table instead.
async function loadObligations() {
    const plan = state.priorities[0]?.planYear;
    state.obligations = plan && session.user?.province
        ? await api(state.config.progressServiceUrl, '/api/obligations?plan=' + plan) : null;
}

// The current plan's completeness and timeliness (the plan of the priorities shown).
async function loadTimeliness() {
    const plan = state.priorities[0]?.planYear;
    state.timeliness = plan ? await api(state.config.progressServiceUrl, '/api/rollups/timeliness?plan=' + plan) : null;
}

async function loadAll() {
    const [priorities, provinces] = await Promise.all([
        api(state.config.taskServiceUrl, '/api/priorities'),
        api(state.config.taskServiceUrl, '/api/provinces'),
    ]);
    state.priorities = priorities;
    state.provinces = provinces;
    await Promise.all([loadOverview(), loadHeatmap(), loadTimeliness(), loadObligations()]);
}

/** A period's last month as a number (2025-Q2 and 2025-06 both end in month 2025*12+6). */
function periodEnd(period) {
    const [year, part] = period.split('-');
    const month = part.startsWith('Q') ? Number(part.slice(1)) * 3 : Number(part);
    return Number(year) * 12 + month;
}

function findItem(code) {
    for (const priority of state.priorities) {
        const item = priority.items.find((i) => i.code === code);
        if (item) return item;
    }
    return null;
}

/** The ministry changed the catalogue (an item or priority added, renamed or archived): load it anew. */
let catalogueTimer = null;
function reloadCatalogueSoon() {
    clearTimeout(catalogueTimer);
    catalogueTimer = setTimeout(async () => {
        try {
            await loadAll();
            renderPriorities();
            renderHeatmap();
            renderTimeliness();
            renderObligations();
        } catch (error) {
            console.warn('catalogue reload failed', error);
        }
    }, 300);
}

let refreshTimer = null;
function refreshRollupsSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(async () => {
        try {
            await Promise.all([loadOverview(), loadTimeliness(), loadObligations()]);
            renderPriorities();
            renderTimeliness();
            renderObligations();
        } catch (error) {
            console.warn('rollup refresh failed', error);
        }
    }, 300);
}

function apply(event) {
    const data = event.data || {};
    const item = findItem(event.subject);
    switch (event.type) {
        case 'tracker.item.status-changed':
            if (item) {
                item.status = data.to;
                item.overdue = data.overdue === true;
            }
            renderPriorities();
            break;
        case 'tracker.item.overdue':
            if (item) item.overdue = true;
            renderPriorities();
            break;
        case 'tracker.item.updated':
            if (item) {
                item.titleZh = data.titleZh;
                item.titleEn = data.titleEn;
                item.dueDate = data.dueDate;
                item.overdue = data.overdue === true;
            }
            renderPriorities();
            break;
        case 'tracker.item.created':
        case 'tracker.item.archived':
        case 'tracker.priority.created':
        case 'tracker.priority.updated':
        case 'tracker.priority.archived':
        case 'tracker.plan.created':
            reloadCatalogueSoon();
            break;
        case 'tracker.report.due':
        case 'tracker.report.late':
        case 'tracker.province.deactivated':
        case 'tracker.province.reactivated':
            refreshRollupsSoon();
            break;
        case 'tracker.report.submitted':
        case 'tracker.province-progress.changed': {
            const key = data.itemCode + '|' + data.provinceCode;
            const current = state.cells.get(key);
            // A submission for an earlier period than the one shown does not replace it.
            if (!current || periodEnd(data.period) >= periodEnd(current.period)) {
                state.cells.set(key, { itemCode: data.itemCode, provinceCode: data.provinceCode, reportId: data.reportId,
                    percentComplete: data.percentComplete, status: data.status, period: data.period });
                renderHeatmap();
            }
            refreshRollupsSoon();
            break;
        }
        default:
            break;
    }
    state.feed.unshift(event);
    state.feed.length = Math.min(state.feed.length, FEED_SIZE);
    renderFeed();
}

function connect() {
    state.stream = openStream({
        onEvent: apply,
        onState: (connection) => {
            state.connection = connection;
            renderConnection();
        },
        onReset: () => loadAll().then(renderAll),
        renew: async () => {
            await session.renew();
            return session.token !== null;
        },
    });
}

// ---- start -----------------------------------------------------------------------------------

async function start(attempt = 0) {
    renderChrome();
    try {
        if (!await session.start()) {
            showSignIn();
            return;
        }
        renderWho();
        $('signout').hidden = false;
        $('signin').hidden = true;
        $('dashboard').hidden = false;
        await loadAll();
    } catch (error) {
        if (error.status === 401) {
            showSignIn(t().signinFailed);
            return;
        }
        // A service that is restarting answers 503 for a moment: try again, waiting longer each time.
        const seconds = Math.min(30, 2 ** attempt);
        $('dashboard').hidden = false;
        $('priorities').replaceChildren(el('p', { className: 'error',
            text: t().loadFailed + error.message + t().retrying(seconds) }));
        setTimeout(() => start(attempt + 1), seconds * 1000);
        return;
    }
    renderAll();
    connect();
}

async function main() {
    state.config = await (await fetch('/dashboard/config.json')).json();
    renderChrome();
    $('lang-toggle').addEventListener('click', () => {
        state.lang = state.lang === 'zh' ? 'en' : 'zh';
        localStorage.setItem('tracker_lang', state.lang);
        renderAll();
    });
    $('signout').addEventListener('click', () => Session.signOut());
    $('export-timeliness').addEventListener('click', () => {
        const plan = state.timeliness?.planYear;
        if (plan) download(`/api/exports/timeliness.xlsx?plan=${plan}`, `timeliness-${plan}.xlsx`);
    });
    $('export-reports').addEventListener('click', () => {
        const plan = state.timeliness?.planYear;
        if (plan) download(`/api/exports/reports.xlsx?plan=${plan}`, `reports-${plan}.xlsx`);
    });
    $('timeliness').addEventListener('click', (event) => {
        const key = event.target.closest('button[data-sort]')?.dataset.sort;
        if (!key) return;
        const sort = state.timelinessSort;
        state.timelinessSort = { key, ascending: sort?.key === key ? !sort.ascending : true };
        renderTimeliness();
    });
    start();
}

main();
