// The demo page: reads and checks the form, hands runs to the training worker, draws rows as
// they arrive, and shows a dropped report. The main thread never trains, so it stays responsive.
import type { MetricsRow } from '../src/dln/types.ts';
import { DEFAULT_FORM, PRESETS } from './presets.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { readReportText } from './report.ts';
import { FIELD_NAMES, parseSettings } from './settings.ts';
import { withSummaries } from './summaries.ts';
import type { FieldErrors, FormValues } from './settings.ts';
import { nodeSnippet } from './snippet.ts';
import { drawReport } from './report-view.ts';
import { clearResults, drawFinished, drawHistory, showSnippet } from './view.ts';

const form = document.getElementById('settings') as HTMLFormElement;
const trainButton = document.getElementById('train') as HTMLButtonElement;
const stopButton = document.getElementById('stop') as HTMLButtonElement;
const status = document.getElementById('status')!;

type Field = HTMLInputElement | HTMLSelectElement;
const field = (name: string): Field => form.elements.namedItem(name) as Field;

function readForm(): FormValues {
  const values = {} as FormValues;
  for (const name of FIELD_NAMES) values[name] = field(name).value;
  return values;
}

function writeForm(values: FormValues): void {
  for (const name of FIELD_NAMES) field(name).value = values[name];
}

/** Put each message next to its field (and clear the others); true when there are none. */
function showErrors(errors: FieldErrors): boolean {
  for (const el of form.querySelectorAll<HTMLElement>('.error[data-for]')) {
    const name = el.dataset.for as keyof FieldErrors;
    const message = errors[name];
    el.textContent = message === undefined ? '' : `${name} ${message}`;
    el.id = `error-${name}`;
    field(name).setAttribute('aria-invalid', String(message !== undefined));
    field(name).setAttribute('aria-describedby', el.id);
  }
  return Object.keys(errors).length === 0;
}

function setStatus(text: string, kind: 'info' | 'busy' | 'bad' | 'good' = 'info'): void {
  status.textContent = text;
  status.className = `status ${kind}`;
}

// The worker and the run it is doing. A run is stopped by terminating the worker.
let worker: Worker | undefined;
let workerReady: Promise<void> | undefined;
let runId = 0;
let rows: MetricsRow[] = [];
let stepsDone = 0;
let drawPending = false;

function startWorker(): void {
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker = w;
  workerReady = new Promise((resolve, reject) => {
    w.addEventListener('message', function first(e: MessageEvent<FromWorker>) {
      if (e.data.type !== 'ready') return;
      w.removeEventListener('message', first);
      resolve();
    });
    w.addEventListener('error', (e) => reject(new Error(e.message || 'worker failed to load')));
  });
  w.addEventListener('message', (e: MessageEvent<FromWorker>) => onMessage(e.data));
}

function scheduleDraw(): void {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    drawHistory(rows);
  });
}

function endRun(): void {
  trainButton.disabled = false;
  stopButton.disabled = true;
}

function onMessage(m: FromWorker): void {
  if (m.type === 'ready' || m.runId !== runId) return;
  switch (m.type) {
    case 'progress':
      rows.push(...m.rows);
      stepsDone = m.steps;
      setStatus(`training… step ${m.steps} (η = ${m.stepSize.toPrecision(4)})`, 'busy');
      scheduleDraw();
      break;
    case 'finished':
      drawHistory(rows);
      drawFinished(m);
      setStatus(`done: ${m.steps} steps, ${m.converged ? 'converged' : 'budget spent'}`,
        m.converged ? 'good' : 'info');
      endRun();
      break;
    case 'diverged':
      drawHistory(rows);
      setStatus(`diverged at step ${m.step}: ${m.message}`, 'bad');
      endRun();
      break;
    case 'failed':
      drawHistory(rows);
      setStatus(`the library refused this run: ${m.name}: ${m.message}`, 'bad');
      endRun();
      break;
  }
}

async function train(): Promise<void> {
  const parsed = parseSettings(readForm());
  if (!parsed.ok) {
    showErrors(parsed.errors);
    setStatus('fix the marked settings first', 'bad');
    return;
  }
  showErrors({});
  runId += 1;
  const id = runId;
  rows = [];
  stepsDone = 0;
  clearResults();
  showSnippet(nodeSnippet(parsed.settings));
  trainButton.disabled = true;
  stopButton.disabled = false;
  setStatus('starting…', 'busy');
  try {
    await workerReady;
  } catch (err) {
    setStatus(`the training worker did not start: ${(err as Error).message}`, 'bad');
    endRun();
    return;
  }
  // Stopped while the worker was still loading: that worker is gone, and so is this run.
  if (id !== runId) return;
  const request: ToWorker = { type: 'train', runId: id, settings: parsed.settings };
  worker!.postMessage(request);
}

function stop(): void {
  worker?.terminate();
  runId += 1;
  startWorker();
  drawHistory(rows);
  setStatus(`stopped at step ${stepsDone}`);
  endRun();
}

function setupPresets(): void {
  const box = document.getElementById('presets')!;
  const note = document.getElementById('preset-note')!;
  for (const p of PRESETS) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = p.label;
    b.dataset.testid = `preset-${p.id}`;
    b.addEventListener('click', () => {
      writeForm(p.form);
      showErrors({});
      note.textContent = p.expect;
    });
    box.append(b);
  }
}

function setupReportDrop(): void {
  const drop = document.getElementById('drop')!;
  const input = document.getElementById('report-file') as HTMLInputElement;
  const error = document.getElementById('report-error')!;
  const load = async (file: File | undefined): Promise<void> => {
    if (file === undefined) return;
    const read = readReportText(await file.text());
    error.textContent = read.ok ? '' : `${file.name}: ${read.message}`;
    if (read.ok) await drawReport(read.meta, await withSummaries(read.sections));
    else await drawReport({}, []);
  };
  input.addEventListener('change', () => void load(input.files?.[0]));
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    void load(e.dataTransfer?.files[0]);
  });
}

writeForm(DEFAULT_FORM);
setupPresets();
setupReportDrop();
drawHistory([]);
form.addEventListener('input', () => {
  // The form no longer is the preset whose note is shown.
  document.getElementById('preset-note')!.textContent = '';
  const parsed = parseSettings(readForm());
  showErrors(parsed.ok ? {} : parsed.errors);
});
form.addEventListener('submit', (e) => {
  e.preventDefault();
  void train();
});
stopButton.addEventListener('click', stop);
startWorker();
workerReady!.then(
  () => setStatus('ready: choose settings or a preset, then Train'),
  (err: Error) => setStatus(`the training worker did not start: ${err.message}`, 'bad'),
);
