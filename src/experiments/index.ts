// The experiments layer for any runtime (browser included): the scenario contract, the
// scenarios, statistics over seeds, and the report's renderers. The Node-only parts (worker
// pool, sweep, run logs, merge, report files) are in node.ts.
export type {
  Row, Config, GridOptions, MeanStd, Cell, Table, Series, PlotSpec, Check, Summary, Scenario,
} from './types.js';
export { scenarios } from './scenarios/index.js';
export { meanStd, meanStdBy, isMeanStd } from './stats.js';
export { parseShard, inShard, formatShard } from './shard.js';
export type { Shard } from './shard.js';
export { renderLinePlot, powerOfTen } from './report/plot.js';
export type { LinePlotOptions } from './report/plot.js';
export { renderMarkdown, plotFile } from './report/markdown.js';
export { formatNumber, formatCell, markdownTable, formatDuration } from './report/format.js';
export type { ReportInput, ScenarioReport } from './report/model.js';
