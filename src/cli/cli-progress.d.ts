// The part of cli-progress 3.12 the CLI uses (the package ships no types).
declare module 'cli-progress' {
  export interface Options {
    stream?: NodeJS.WritableStream;
    format?: string;
    hideCursor?: boolean;
    clearOnComplete?: boolean;
    stopOnComplete?: boolean;
    etaBuffer?: number;
    fps?: number;
  }
  export interface Bar {
    update(value: number, payload?: Record<string, unknown>): void;
    setTotal(total: number): void;
  }
  export class MultiBar {
    constructor(options: Options, preset?: object);
    create(total: number, start: number, payload?: Record<string, unknown>): Bar;
    stop(): void;
  }
  export const Presets: { shades_classic: object; rect: object };
  const cliProgress: { MultiBar: typeof MultiBar; Presets: typeof Presets };
  export default cliProgress;
}
