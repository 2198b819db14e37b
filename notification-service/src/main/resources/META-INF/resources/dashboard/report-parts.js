// Pieces of a report that the data-entry and review pages both show: its content, the decisions on it
// and what changed between its last two versions. All as text, never as HTML.
import { el } from './common.js';

const WORDS = {
    zh: {
        percent: '完成百分比', status: '进展状态', narrative: '进展说明', metrics: '指标',
        before: '修改前', after: '修改后', field: '字段', noChange: '与上一版相同。',
        changesSince: (version) => `第 ${version} 版相对上一版的修改`,
        returnedByMinistry: (who, when) => `部审核员 ${who} 于 ${when} 退回：`,
        returnedByBureau: (who, when) => `省级审批人 ${who} 于 ${when} 退回：`,
        approvedByBureau: (who, when) => `省级审批人 ${who} 于 ${when} 审批通过`,
        submittedBy: (who, when, version) => `${who} 于 ${when} 提交（第 ${version} 版）`,
        none: '（无）',
    },
    en: {
        percent: 'Percent complete', status: 'Status', narrative: 'Narrative', metrics: 'Metrics',
        before: 'Before', after: 'After', field: 'Field', noChange: 'Same as the version before.',
        changesSince: (version) => `What version ${version} changed`,
        returnedByMinistry: (who, when) => `Returned by the ministry's reviewer ${who} on ${when}:`,
        returnedByBureau: (who, when) => `Returned by the bureau's approver ${who} on ${when}:`,
        approvedByBureau: (who, when) => `Approved by the bureau's approver ${who} on ${when}`,
        submittedBy: (who, when, version) => `Submitted by ${who} on ${when} (version ${version})`,
        none: '(none)',
    },
};

function when(time, lang) {
    return time ? new Date(time).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

function metricsText(metrics, lang) {
    if (!metrics || metrics.length === 0) return WORDS[lang].none;
    return metrics.map((m) => `${m.name}: ${m.value}${m.unit ? ' ' + m.unit : ''}`).join('；');
}

/** Who submitted the report and the last decision on it, the comment of a return shown whole. */
export function decisions(report, lang) {
    const words = WORDS[lang];
    const parts = [el('p', { className: 'submitted', text: words.submittedBy(report.submittedBy, when(report.submittedAt, lang),
        report.version) })];
    const approval = report.bureauApproval;
    if (report.reviewState === 'RETURNED' && report.reviewedBy && (!approval || approval.decision !== 'RETURNED'
            || new Date(report.reviewedAt) > new Date(approval.decidedAt))) {
        parts.push(el('div', { className: 'returned', 'data-returned-by': 'ministry', role: 'note' },
            el('strong', { text: words.returnedByMinistry(report.reviewedBy, when(report.reviewedAt, lang)) }),
            el('p', { className: 'comment', text: report.reviewComment || '' })));
    } else if (report.reviewState === 'RETURNED' && approval) {
        parts.push(el('div', { className: 'returned', 'data-returned-by': 'bureau', role: 'note' },
            el('strong', { text: words.returnedByBureau(approval.decidedBy, when(approval.decidedAt, lang)) }),
            el('p', { className: 'comment', text: approval.comment || '' })));
    } else if (approval && approval.decision === 'APPROVED') {
        parts.push(el('div', { className: 'approved', 'data-approved-by': approval.decidedBy },
            el('strong', { text: words.approvedByBureau(approval.decidedBy, when(approval.decidedAt, lang)) }),
            approval.comment ? el('p', { className: 'comment', text: approval.comment }) : null));
    }
    return parts;
}

/** The report's content, as a reviewer reads it. */
export function content(report, statusWords, lang) {
    const words = WORDS[lang];
    return el('dl', { className: 'report-content' },
        el('dt', { text: words.percent }), el('dd', { 'data-field': 'percentComplete', text: `${Number(report.percentComplete)}%` }),
        el('dt', { text: words.status }), el('dd', { 'data-field': 'status', text: statusWords[report.status] || report.status }),
        el('dt', { text: words.narrative }), el('dd', { 'data-field': 'narrative', className: 'narrative', text: report.narrative || '' }),
        el('dt', { text: words.metrics }), el('dd', { 'data-field': 'metrics', text: metricsText(report.metrics, lang) }));
}

/** What the latest version changed against the one before it, field by field; null for a first version. */
export function versionDiff(versions, statusWords, lang) {
    if (!versions || versions.length < 2) return null;
    const words = WORDS[lang];
    const [before, after] = versions.slice(-2);
    const fields = [
        ['percentComplete', words.percent, (v) => `${Number(v.percentComplete)}%`],
        ['status', words.status, (v) => statusWords[v.status] || v.status],
        ['narrative', words.narrative, (v) => v.narrative || ''],
        ['metrics', words.metrics, (v) => metricsText(v.metrics, lang)],
    ];
    const rows = fields.filter(([, , show]) => show(before) !== show(after)).map(([key, label, show]) =>
        el('tr', { 'data-field': key }, el('th', { scope: 'row', text: label }),
            el('td', { className: 'before', text: show(before) }), el('td', { className: 'after', text: show(after) })));
    const caption = el('caption', { text: words.changesSince(after.version) });
    if (rows.length === 0) {
        return el('table', { className: 'diff' }, caption, el('tbody', {}, el('tr', {}, el('td', { text: words.noChange }))));
    }
    return el('table', { className: 'diff' }, caption,
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: words.field }), el('th', { scope: 'col', text: words.before }),
            el('th', { scope: 'col', text: words.after }))),
        el('tbody', {}, ...rows));
}
