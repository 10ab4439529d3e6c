// A scenario is data plus a pure function: a grid of configs, a run from one config to rows,
// and a summary of all rows into tables, plots and checks. Where it runs (this thread, a worker,
// a shard of a cluster job) changes nothing in it.

/** One result row: flat, JSON-serializable values. */
export type Row = Record<string, number | string | boolean | null>;

/** One point of a scenario's grid; `seed` makes the run deterministic. */
export type Config = Record<string, number | string | boolean> & { seed: number };

export interface GridOptions {
  /** The small grid that `--quick` runs (a few seconds per scenario). */
  quick: boolean;
  /** `--set key=value` overrides, as strings, validated by the scenario. */
  overrides: Record<string, string>;
}

/** A sample summarized as mean and (sample) standard deviation; tables print it `mean ± std`. */
export interface MeanStd {
  mean: number;
  std: number;
  /** How many values the mean is over. */
  n: number;
}

/** One table cell: text, a number, or a mean ± std over seeds (see `meanStd` in stats.ts). */
export type Cell = string | number | MeanStd;

export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Also shown in the report's top "Headline" section. */
  headline?: boolean;
}

export interface Series {
  name: string;
  points: [number, number][];
  /** 'guide' lines (slopes, floors, closed forms) are drawn dashed. */
  kind?: 'line' | 'guide' | 'dots';
}

export interface PlotSpec {
  /** File stem: the plot is written as `<scenario>-<id>.svg`. */
  id: string;
  title: string;
  x: { label: string; log?: boolean };
  y: { label: string; log?: boolean };
  series: Series[];
}

/** A relation the theory predicts, checked on the rows: measured value against a threshold. */
export interface Check {
  name: string;
  /** What should hold, in words (e.g. "zero W1 gives A⁺b to 1e-9"). */
  statement: string;
  measured: number;
  /** The bound, as printed (e.g. "< 1e-9", "in [0.9, 1.1]"). */
  expected: string;
  pass: boolean;
}

export interface Summary {
  tables: Table[];
  plots: PlotSpec[];
  checks: Check[];
  /** Free text shown under the scenario's heading. */
  notes?: string[];
}

export interface Scenario {
  /** 'S1' … 'S13', or 'mnist'. */
  id: string;
  /** kebab-case name from THEORY.md, e.g. 'init-scale-sweep'. */
  name: string;
  title: string;
  description: string;
  grid(opts: GridOptions): Config[];
  run(config: Config): Row[];
  summarize(rows: Row[]): Summary;
}
