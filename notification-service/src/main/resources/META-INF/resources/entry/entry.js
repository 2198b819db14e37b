// The bureau's page: its officers enter, draft, upload and amend their province's reports; its approver
// approves them or returns them. Drafts live on the server; submissions carry the draft's Idempotency-Key
// and amendments If-Match, so a double click, a retry or a stale tab stores nothing twice or over another.
import { TEXT } from '/dashboard/i18n.js';
import { $, el, ApiError, Session, openStream } from '/dashboard/common.js';
import { content, decisions, versionDiff } from '/dashboard/report-parts.js';
import { saveFile } from '/dashboard/files.js';
import { notice, renderHeader, showSignIn, startPage } from '/dashboard/page.js';
import { WORDS } from './words.js';

// The API's limits (ReportRequest, Metric): the page says so before sending.
const NARRATIVE_MAX = 5000;
const METRICS_MAX = 50;
const METRIC_NAME_MAX = 100;
const METRIC_UNIT_MAX = 32;
// What the services cannot store (StorableText): control characters apart from tab, line feed and return.
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const PERCENT = /^\s*\d{1,3}(\.\d+)?\s*$/;
const STATUSES = ['ON_TRACK', 'AT_RISK', 'BLOCKED', 'COMPLETED'];
// The API's largest page of reports (ReportFilter.MAX_SIZE).
const PAGE_SIZE = 200;
const REPORTER = 'provincial-reporter';
const APPROVER = 'provincial-approver';

const state = {
    lang: localStorage.getItem('tracker_lang') || 'zh',
    config: null,
    plan: null,
    calendar: null,
    items: [],              // the plan's sub-items that expect reports, in catalogue order
    reports: new Map(),     // "item|period" -> the province's report
    drafts: new Map(),      // "item|period" -> the officer's draft
    period: null,           // the period shown
    open: null,             // the form's { item, period, report, etag, versions, draft }
    connection: 'connecting',
    stream: null,
};

const session = new Session(() => {
    state.stream?.close();
    showSignIn(TEXT[state.lang].signinFailed);
});
const w = () => WORDS[state.lang];
const key = (item, period) => item + '|' + period;
const title = (thing) => (state.lang === 'zh' ? thing.titleZh : thing.titleEn);
const progress = (path, options) => session.call(state.config.progressServiceUrl, path, options);
const province = () => session.user.province;

// ---- chrome and sign-in ------------------------------------------------------------------------

function renderChrome() {
    const words = w();
    renderHeader(state.lang, words, session, state.connection);
    const labels = { 'percent-label': words.percentLabel, 'status-label': words.statusLabel,
        'narrative-label': words.narrativeLabel, 'metrics-label': words.metricsLabel, 'add-metric': words.addMetric,
        'save-draft': words.saveDraft, 'discard-draft': words.discardDraft, 'close-form': words.close,
        'upload-title': words.upload, 'upload-help': words.uploadHelp, 'download-template': words.template,
        'upload': words.uploadButton, 'approvals-title': words.approvals, 'approvals-help': words.approvalsHelp };
    for (const [id, text] of Object.entries(labels)) $(id).textContent = text;
}

// ---- data --------------------------------------------------------------------------------------

async function loadCatalogue() {
    const priorities = await session.get(state.config.taskServiceUrl, '/api/priorities');
    state.plan = priorities[0]?.planYear ?? null;
    state.items = priorities.flatMap((p) => p.items.filter((item) => !item.archived));
    state.calendar = state.plan ? await session.get(state.config.progressServiceUrl, '/api/calendars/' + state.plan) : null;
}

async function loadReports() {
    if (!state.plan) return;
    // Page by page: a monthly plan holds more reports than one page (items × 12).
    const reports = [];
    for (let page = 0; ; page++) {
        const query = `?province=${province()}&plan=${state.plan}&size=${PAGE_SIZE}&page=${page}`;
        const answer = (await progress('/api/reports' + query)).body;
        reports.push(...answer.reports);
        if (answer.reports.length < PAGE_SIZE || reports.length >= answer.total) break;
    }
    state.reports = new Map(reports.map((r) => [key(r.itemCode, r.period), r]));
    if (session.has(REPORTER)) {
        const drafts = (await progress('/api/drafts?plan=' + state.plan)).body;
        state.drafts = new Map(drafts.map((d) => [key(d.itemCode, d.period), d]));
    }
}

/** Today in Beijing, where the calendar's dates are, as YYYY-MM-DD. */
function today() {
    return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/** The periods that have begun (the first one before any has), latest last. */
function startedPeriods() {
    const periods = state.calendar?.periods || [];
    const begun = periods.filter((p) => p.start <= today());
    return begun.length > 0 ? begun : periods.slice(0, 1);
}

function counts(period) {
    const result = { due: state.items.length, done: 0, late: 0, returned: 0 };
    for (const item of state.items) {
        const report = state.reports.get(key(item.code, period.period));
        if (report?.reviewState === 'RETURNED') result.returned++;
        else if (report) result.done++;
        else if (period.deadline < today()) result.late++;
    }
    return result;
}

// ---- periods and items --------------------------------------------------------------------------

function renderPeriods() {
    const words = w();
    $('periods-title').textContent = words.periods;
    $('periods-help').textContent = state.plan ? words.periodsHelp(state.plan) : '';
    $('periods').replaceChildren(...startedPeriods().map((period) => {
        const c = counts(period);
        return el('button', { type: 'button', role: 'tab', 'data-period': period.period,
            'aria-selected': String(period.period === state.period), className: 'period-tab',
            onclick: () => selectPeriod(period.period) },
            el('strong', { text: words.periodTab(period.period, period.deadline) }),
            el('span', { className: 'counts', text: words.periodCounts(c) }));
    }));
}

function selectPeriod(period) {
    state.period = period;
    closeForm();
    renderPeriods();
    renderItems();
    renderUpload();
}

function itemState(item) {
    const words = w();
    const report = state.reports.get(key(item.code, state.period));
    const draft = state.drafts.get(key(item.code, state.period));
    const deadline = state.calendar.periods.find((p) => p.period === state.period)?.deadline;
    if (report) {
        return { code: report.reviewState, text: TEXT[state.lang].reviewState[report.reviewState], report, draft };
    }
    if (draft) return { code: 'DRAFT', text: words.draft, draft };
    return { code: 'NONE', text: deadline < today() ? words.notReported + ' · ' + words.late : words.notReported, late: deadline < today() };
}

function renderItems() {
    const words = w();
    $('items-title').textContent = state.period ? words.items(state.period) : '';
    const head = el('tr', {}, ...[words.code, words.item, words.state, words.percent, words.action]
        .map((text) => el('th', { scope: 'col', text })));
    const rows = state.items.map((item) => {
        const s = itemState(item);
        const reporter = session.has(REPORTER);
        const action = !reporter ? words.view
            : s.report ? (['SUBMITTED', 'RETURNED'].includes(s.report.reviewState) ? words.amend : words.view)
                : s.draft ? words.edit : words.enter;
        return el('tr', { 'data-item': item.code, 'data-state': s.code, 'data-late': s.late ? 'true' : null },
            el('td', { className: 'code', text: item.code }),
            el('td', { text: title(item) }),
            el('td', {}, el('span', { className: `badge badge-${s.code}`, text: s.text }),
                s.report && s.draft ? el('span', { className: 'badge badge-DRAFT', text: words.draft }) : null),
            el('td', { text: s.report ? `${Number(s.report.percentComplete)}%` : '–' }),
            el('td', {}, el('button', { type: 'button', className: 'open-item', 'data-item': item.code, text: action,
                onclick: () => openForm(item.code) })));
    });
    $('items').replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
}

// ---- the form -----------------------------------------------------------------------------------

async function openForm(itemCode) {
    const period = state.period;
    const item = state.items.find((i) => i.code === itemCode);
    const listed = state.reports.get(key(itemCode, period));
    const open = { item, period, report: null, etag: null, versions: [], draft: state.drafts.get(key(itemCode, period)) || null };
    try {
        if (listed) {
            const read = await progress('/api/reports/' + listed.id);
            open.report = read.body;
            open.etag = read.etag;
            open.versions = (await progress('/api/reports/' + listed.id + '/versions')).body;
        }
    } catch (error) {
        notice(w().failed + error.message, 'error');
        return;
    }
    state.open = open;
    $('form-section').hidden = false;
    const source = open.draft || open.report || {};
    $('f-percent').value = source.percentComplete ?? '';
    $('f-narrative').value = source.narrative ?? '';
    renderStatusOptions(source.status ?? '');
    $('metrics').replaceChildren();
    for (const metric of source.metrics || []) addMetricRow(metric);
    clearErrors();
    $('form-message').textContent = '';
    renderForm();
    $('form-section').scrollIntoView({ block: 'nearest' });
}

function renderStatusOptions(selected) {
    const statusWords = TEXT[state.lang].reportStatus;
    $('f-status').replaceChildren(el('option', { value: '', text: w().choose }),
        ...STATUSES.map((s) => el('option', { value: s, text: statusWords[s], selected: s === selected })));
}

function editable() {
    const report = state.open?.report;
    return session.has(REPORTER) && (!report || ['SUBMITTED', 'RETURNED'].includes(report.reviewState));
}

/** The form's heading, the report's decisions and changes, and which buttons apply. */
function renderForm() {
    const open = state.open;
    if (!open) return;
    const words = w();
    const statusWords = TEXT[state.lang].reportStatus;
    $('form-title').textContent = words.formTitle(open.item.code, title(open.item), open.period);
    const parts = [];
    if (open.report) {
        parts.push(...decisions(open.report, state.lang));
        if (!editable()) parts.push(content(open.report, statusWords, state.lang));
        const diff = versionDiff(open.versions, statusWords, state.lang);
        if (diff) parts.push(diff);
    }
    $('form-report').replaceChildren(...parts);
    $('form-section').dataset.item = open.item.code;
    $('form-section').dataset.state = open.report?.reviewState || (open.draft ? 'DRAFT' : 'NONE');
    $('report-form').hidden = !editable();
    $('submit-report').textContent = open.report ? words.resubmit : words.submit;
    $('discard-draft').hidden = !open.draft;
    $('draft-state').textContent = open.draft
        ? words.draftSaved(new Date(open.draft.updatedAt).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB'))
        : words.noDraft;
    $('narrative-count').textContent = words.narrativeCount($('f-narrative').value.length, NARRATIVE_MAX);
    for (const row of $('metrics').children) labelMetricRow(row);
}

function closeForm() {
    state.open = null;
    $('form-section').hidden = true;
}

function addMetricRow(metric = {}) {
    const row = el('div', { className: 'metric' },
        el('input', { type: 'text', className: 'metric-name', value: metric.name ?? '' }),
        el('input', { type: 'text', className: 'metric-value', inputmode: 'decimal', value: metric.value ?? '' }),
        el('input', { type: 'text', className: 'metric-unit', value: metric.unit ?? '' }),
        el('button', { type: 'button', className: 'remove-metric', onclick: (event) => {
            event.target.closest('.metric').remove();
            validateInline();
        } }));
    labelMetricRow(row);
    $('metrics').append(row);
}

function labelMetricRow(row) {
    const words = w();
    row.querySelector('.metric-name').setAttribute('aria-label', words.metricName);
    row.querySelector('.metric-name').placeholder = words.metricName;
    row.querySelector('.metric-value').setAttribute('aria-label', words.metricValue);
    row.querySelector('.metric-value').placeholder = words.metricValue;
    row.querySelector('.metric-unit').setAttribute('aria-label', words.metricUnit);
    row.querySelector('.metric-unit').placeholder = words.metricUnit;
    row.querySelector('.remove-metric').textContent = words.removeMetric;
}

/** The form's values as the API takes them; what is not a number stays text, for the checks to name. */
function formValues() {
    const percent = $('f-percent').value.trim();
    return {
        percentComplete: percent === '' ? null : percent,
        status: $('f-status').value || null,
        narrative: $('f-narrative').value === '' ? null : $('f-narrative').value,
        metrics: [...$('metrics').children].map((row) => ({
            name: row.querySelector('.metric-name').value,
            value: row.querySelector('.metric-value').value.trim(),
            unit: row.querySelector('.metric-unit').value === '' ? null : row.querySelector('.metric-unit').value,
        })),
    };
}

function storable(text) {
    return !UNSTORABLE.test(text) && text.isWellFormed();
}

/** The API's rules, checked here first: field -> why. A draft may leave fields empty; a submission may not. */
function validate(values, forSubmission) {
    const words = w();
    const errors = new Map();
    if (values.percentComplete === null) {
        if (forSubmission) errors.set('percentComplete', words.required + '：' + words.percentRange);
    } else if (!PERCENT.test(values.percentComplete) || Number(values.percentComplete) > 100) {
        errors.set('percentComplete', words.percentRange);
    }
    if (values.status === null && forSubmission) errors.set('status', words.required);
    if (values.narrative !== null) {
        if (values.narrative.length > NARRATIVE_MAX) errors.set('narrative', words.tooLong(NARRATIVE_MAX));
        else if (!storable(values.narrative)) errors.set('narrative', words.unstorable);
    }
    const metricErrors = [];
    if (values.metrics.length > METRICS_MAX) metricErrors.push(words.tooManyMetrics);
    for (const metric of values.metrics) {
        if (metric.name.trim() === '' || metric.name.length > METRIC_NAME_MAX || !storable(metric.name)) {
            metricErrors.push(words.metricNameRequired);
        }
        if (metric.value === '' || !Number.isFinite(Number(metric.value))) metricErrors.push(words.metricValueNumber);
        if (metric.unit !== null && (metric.unit.length > METRIC_UNIT_MAX || !storable(metric.unit))) {
            metricErrors.push(words.metricUnitLong);
        }
    }
    if (metricErrors.length > 0) errors.set('metrics', [...new Set(metricErrors)].join('；'));
    return errors;
}

function clearErrors() {
    for (const field of ['percentComplete', 'status', 'narrative', 'metrics']) showError(field, null);
}

function showError(field, message) {
    $('e-' + field).textContent = message || '';
    const input = { percentComplete: 'f-percent', status: 'f-status', narrative: 'f-narrative' }[field];
    if (input) $(input).setAttribute('aria-invalid', message ? 'true' : 'false');
}

function showErrors(errors) {
    clearErrors();
    for (const [field, message] of errors) showError(field, message);
}

/** As the officer types: what is wrong so far, without asking for fields not yet filled. */
function validateInline() {
    showErrors(validate(formValues(), false));
    $('narrative-count').textContent = w().narrativeCount($('f-narrative').value.length, NARRATIVE_MAX);
}

/** The API's field errors, on the fields they name (a metric's on the metrics). */
function showApiErrors(error) {
    const errors = new Map();
    for (const problemError of error.problem?.errors || []) {
        const field = String(problemError.field || '');
        const name = field.includes('metrics') ? 'metrics' : field.split('.').pop();
        errors.set(['percentComplete', 'status', 'narrative', 'metrics'].includes(name) ? name : 'metrics', problemError.message);
    }
    showErrors(errors);
    $('form-message').textContent = w().failed + error.message;
}

function asRequest(values) {
    return {
        percentComplete: values.percentComplete === null ? null : Number(values.percentComplete),
        status: values.status,
        narrative: values.narrative,
        metrics: values.metrics.map((m) => ({ name: m.name, value: Number(m.value), unit: m.unit })),
    };
}

const busy = { on: false };

/** Runs one of the form's actions with its buttons disabled, so a double click sends once. */
async function exclusive(action) {
    if (busy.on) return;
    busy.on = true;
    for (const id of ['save-draft', 'submit-report', 'discard-draft']) $(id).disabled = true;
    try {
        await action();
    } finally {
        busy.on = false;
        for (const id of ['save-draft', 'submit-report', 'discard-draft']) $(id).disabled = false;
    }
}

function draftPath(open) {
    return `/api/drafts/${encodeURIComponent(open.item.code)}/${encodeURIComponent(open.period)}`;
}

/** Saves the form as the officer's draft; answers the draft, or null when it was refused (shown). */
async function saveDraft() {
    const open = state.open;
    const values = formValues();
    const errors = validate(values, false);
    showErrors(errors);
    if (errors.size > 0) {
        $('form-message').textContent = w().fixErrors;
        return null;
    }
    try {
        const headers = open.draft ? { 'If-Match': `"${open.draft.version}"` } : {};
        const saved = await progress(draftPath(open), { method: 'PUT', headers,
            json: { ...asRequest(values), reportId: open.report?.id ?? null } });
        open.draft = saved.body;
        state.drafts.set(key(open.item.code, open.period), saved.body);
        renderForm();
        renderItems();
        return saved.body;
    } catch (error) {
        if (error instanceof ApiError && error.status === 412) {
            // Saved meanwhile from another tab or computer: take that one, keep what is typed here.
            open.draft = (await progress(draftPath(open))).body;
            state.drafts.set(key(open.item.code, open.period), open.draft);
            return saveDraft();
        }
        if (error instanceof ApiError && error.status === 400) showApiErrors(error);
        else $('form-message').textContent = w().failed + error.message;
        return null;
    }
}

async function submit() {
    const open = state.open;
    const words = w();
    const values = formValues();
    const errors = validate(values, true);
    showErrors(errors);
    if (errors.size > 0) {
        $('form-message').textContent = words.fixErrors;
        return;
    }
    // The draft's key makes a retry of this submission (a double click, a dropped answer) the same one.
    const draft = await saveDraft();
    if (!draft) return;
    const request = { ...asRequest(values), itemCode: open.item.code, period: open.period };
    try {
        if (open.report) {
            await progress('/api/reports/' + open.report.id, { method: 'PUT', headers: { 'If-Match': open.etag }, json: request });
        } else {
            await progress('/api/reports', { method: 'POST', headers: { 'Idempotency-Key': draft.idempotencyKey }, json: request });
        }
    } catch (error) {
        await submissionRefused(error, open);
        return;
    }
    await progress(draftPath(open), { method: 'DELETE' }).catch(() => {});
    state.drafts.delete(key(open.item.code, open.period));
    notice(open.report ? words.amended(open.item.code, open.period) : words.submitted(open.item.code, open.period), 'success');
    closeForm();
    await refresh();
}

async function submissionRefused(error, open) {
    const words = w();
    if (!(error instanceof ApiError)) {
        $('form-message').textContent = words.failed + error.message;
        return;
    }
    if (error.status === 400 || error.status === 422) {
        showApiErrors(error);
        return;
    }
    if (error.status === 412 || error.status === 409) {
        // Changed, reviewed or first submitted elsewhere: show the latest, keep the draft.
        await refresh();
        await openForm(open.item.code);
        $('form-message').textContent = words.stale;
        return;
    }
    $('form-message').textContent = words.failed + error.message;
}

async function discardDraft() {
    const open = state.open;
    try {
        await progress(draftPath(open), { method: 'DELETE' });
    } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) {
            $('form-message').textContent = w().failed + error.message;
            return;
        }
    }
    state.drafts.delete(key(open.item.code, open.period));
    notice(w().discarded, 'success');
    await openForm(open.item.code);
}

// ---- the approver's list ------------------------------------------------------------------------

async function renderApprovals() {
    const section = $('approvals-section');
    section.hidden = !session.has(APPROVER);
    if (section.hidden) return;
    const words = w();
    const waiting = [...state.reports.values()].filter((r) => r.reviewState === 'SUBMITTED')
        .sort((a, b) => a.period.localeCompare(b.period) || a.itemCode.localeCompare(b.itemCode));
    if (waiting.length === 0) {
        $('approvals').replaceChildren(el('li', { className: 'empty', text: words.noApprovals }));
        return;
    }
    const statusWords = TEXT[state.lang].reportStatus;
    const entries = await Promise.all(waiting.map(async (report) => {
        const versions = (await progress(`/api/reports/${report.id}/versions`)).body;
        const item = state.items.find((i) => i.code === report.itemCode);
        const comment = el('textarea', { className: 'approval-comment', rows: 2, 'aria-label': words.commentLabel,
            placeholder: words.commentLabel });
        const error = el('p', { className: 'field-error', role: 'alert' });
        const decide = (decision) => approve(report, decision, comment.value, error);
        return el('li', { 'data-report': report.id, 'data-item': report.itemCode, 'data-period': report.period },
            el('h3', { text: `${report.itemCode} ${item ? title(item) : ''} · ${report.period}` }),
            ...decisions(report, state.lang), content(report, statusWords, state.lang),
            versionDiff(versions, statusWords, state.lang), comment, error,
            el('div', { className: 'actions' },
                el('button', { type: 'button', className: 'approve primary', text: words.approve, onclick: () => decide('APPROVED') }),
                el('button', { type: 'button', className: 'return', text: words.returnToOfficer, onclick: () => decide('RETURNED') })));
    }));
    $('approvals').replaceChildren(...entries);
}

async function approve(report, decision, comment, errorNode) {
    const words = w();
    if (decision === 'RETURNED' && comment.trim() === '') {
        errorNode.textContent = words.commentRequired;
        return;
    }
    try {
        await progress(`/api/reports/${report.id}/approval`, { method: 'POST', headers: { 'If-Match': `"${report.version}"` },
            json: { decision, comment: comment.trim() === '' ? null : comment } });
        notice(decision === 'APPROVED' ? words.approved(report.itemCode, report.period)
            : words.returnedToOfficer(report.itemCode, report.period), 'success');
        await refresh();
    } catch (error) {
        if (error instanceof ApiError && error.status === 400) {
            errorNode.textContent = [...error.fieldErrors().values()].join('；') || error.message;
        } else if (error instanceof ApiError && (error.status === 412 || error.status === 409)) {
            errorNode.textContent = words.stale;
            await refresh();
        } else {
            errorNode.textContent = words.failed + error.message;
        }
    }
}

// ---- the upload ---------------------------------------------------------------------------------

function renderUpload() {
    $('upload-section').hidden = !session.has(REPORTER);
}

async function downloadTemplate() {
    try {
        const response = await progress('/api/reports/batch/template?period=' + encodeURIComponent(state.period));
        saveFile(new Blob([response.body], { type: 'text/csv;charset=utf-8' }), `reports-${province()}-${state.period}.csv`);
    } catch (error) {
        $('upload-summary').textContent = w().failed + error.message;
    }
}

async function upload() {
    const words = w();
    const file = $('upload-file').files[0];
    if (!file) {
        $('upload-summary').textContent = words.chooseFile;
        return;
    }
    const text = await file.text();
    let result;
    try {
        result = (await progress('/api/reports/batch', { method: 'POST', body: text,
            headers: { 'Content-Type': 'text/csv; charset=UTF-8' } })).body;
    } catch (error) {
        $('upload-summary').textContent = words.failed + error.message;
        $('upload-results').hidden = true;
        return;
    }
    $('upload-summary').textContent = words.uploadSummary(result);
    const head = el('tr', {}, ...[words.row, words.code, words.outcome, words.reason].map((t) => el('th', { scope: 'col', text: t })));
    const rows = result.rows.map((row) => el('tr', { 'data-row': row.row, 'data-outcome': row.outcome },
        el('td', { text: String(row.row) }),
        el('td', { className: 'code', text: row.itemCode || '' }),
        el('td', { text: words.outcomes[row.outcome] || row.outcome }),
        el('td', { className: 'reason', text: reason(row.problem) })));
    $('upload-results').replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
    $('upload-results').hidden = false;
    $('upload-results').scrollIntoView({ block: 'end' });
    await refresh();
}

function reason(problem) {
    if (!problem) return '';
    const fields = (problem.errors || []).map((e) => `${e.field}: ${e.message}`);
    return fields.length > 0 ? fields.join('；') : problem.detail || problem.title || '';
}

// ---- live updates -------------------------------------------------------------------------------

let refreshTimer = null;

function onEvent(event) {
    const data = event.data || {};
    if (!event.type?.startsWith('tracker.report.') || data.provinceCode !== province()) return;
    const words = w();
    if (event.type === 'tracker.report.reviewed' && data.reviewState === 'RETURNED') {
        notice(words.liveReturned(data.itemCode, data.period, data.comment || ''), 'returned');
    } else if (event.type === 'tracker.report.reviewed' && data.reviewState === 'ACCEPTED') {
        notice(words.liveAccepted(data.itemCode, data.period), 'success');
    } else if (event.type === 'tracker.report.approved') {
        notice(data.decision === 'RETURNED' ? words.liveReturned(data.itemCode, data.period, data.comment || '')
            : words.liveApproved(data.itemCode, data.period), data.decision === 'RETURNED' ? 'returned' : 'success');
    } else if (event.type === 'tracker.report.submitted' && session.has(APPROVER)) {
        notice(words.liveSubmitted(data.itemCode, data.period), 'info');
    }
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => refresh().catch((error) => console.warn('refresh failed', error)), 200);
}

/**
 * Loads the province's reports and drafts again and shows them. An open form keeps what is typed and the
 * version it was opened on (its If-Match): a change made elsewhere meanwhile is shown, and submitting over
 * it is refused (412) until the officer has seen it.
 */
async function refresh() {
    await loadReports();
    renderPeriods();
    renderItems();
    await renderApprovals();
    const open = state.open;
    if (open) {
        const listed = state.reports.get(key(open.item.code, open.period));
        if (listed && open.report && (listed.version !== open.report.version || listed.reviewState !== open.report.reviewState)) {
            open.report = (await progress('/api/reports/' + listed.id)).body;
            open.versions = (await progress('/api/reports/' + listed.id + '/versions')).body;
        }
        renderForm();
    }
}

function connect() {
    state.stream = openStream({
        onEvent,
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

// ---- start --------------------------------------------------------------------------------------

async function start() {
    renderChrome();
    const loaded = await startPage({ session, lang: () => state.lang,
        allowed: () => (session.has(REPORTER) || session.has(APPROVER)) && Boolean(province()),
        refusal: () => w().notABureau,
        load: async () => {
            await loadCatalogue();
            await loadReports();
        } });
    renderChrome();
    if (!loaded) return;
    state.period = startedPeriods().at(-1)?.period ?? null;
    renderPeriods();
    renderItems();
    renderUpload();
    await renderApprovals();
    connect();
}

async function main() {
    state.config = await (await fetch('/dashboard/config.json')).json();
    renderChrome();
    $('lang-toggle').addEventListener('click', async () => {
        state.lang = state.lang === 'zh' ? 'en' : 'zh';
        localStorage.setItem('tracker_lang', state.lang);
        renderChrome();
        if (!session.user || !state.calendar) return;
        renderPeriods();
        renderItems();
        if (state.open) {
            renderStatusOptions($('f-status').value);
            renderForm();
        }
        await renderApprovals();
    });
    $('signout').addEventListener('click', () => Session.signOut());
    $('report-form').addEventListener('input', validateInline);
    $('report-form').addEventListener('submit', (event) => {
        event.preventDefault();
        exclusive(submit);
    });
    $('save-draft').addEventListener('click', () => exclusive(async () => {
        if (await saveDraft()) {
            $('form-message').textContent = '';
            notice(w().saved, 'success');
        }
    }));
    $('discard-draft').addEventListener('click', () => exclusive(discardDraft));
    $('close-form').addEventListener('click', closeForm);
    $('add-metric').addEventListener('click', () => addMetricRow());
    $('download-template').addEventListener('click', downloadTemplate);
    $('upload').addEventListener('click', upload);
    start();
}

main();
