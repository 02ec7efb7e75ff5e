/** The interactive report: report.html, offline, with the Vega libraries inlined. */
export { reportRenderer, createReportRenderer, REPORT_HTML, type ReportRenderer } from './plugin.js';
export { ReportOptionsSchema, type ReportOptions } from './options.js';
