// Progress of a long run (hundreds of articles) on stderr: a bar redrawn in
// place on a terminal, a plain line every tenth of the way otherwise (CI logs,
// pipes). Short runs show nothing. The stream is injected, so tests see it.

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

export interface Progress {
  /** One more item done; `name` is shown on the bar (e.g. the article file). */
  tick(name?: string): void;
  done(): void;
}

export interface ProgressOptions {
  stream: ProgressStream;
  /** What is counted, plural: "articles". */
  unit: string;
  /** What is happening: "Deriving". */
  label: string;
  /** Below this many items, nothing is shown. */
  threshold?: number;
}

/** "More than a few hundred articles": below this a run is quick enough to need no bar. */
export const PROGRESS_THRESHOLD = 300;

export const NO_PROGRESS: Progress = { tick() {}, done() {} };

export function createProgress(total: number, options: ProgressOptions): Progress {
  const { stream, unit, label, threshold = PROGRESS_THRESHOLD } = options;
  if (total < threshold || total === 0) return NO_PROGRESS;
  let count = 0;
  let shown = -1;
  let finished = false;
  const percent = () => Math.floor((count / total) * 100);

  if (stream.isTTY) {
    const draw = (name: string) => {
      const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 50));
      const filled = Math.round((count / total) * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      const text = `${label} ${bar} ${count}/${total} ${unit} ${String(percent()).padStart(3)}%${name ? `  ${name}` : ''}`;
      // \r back to the start of the line, \x1b[K clears what a longer previous line left.
      stream.write(`\r${text.slice(0, Math.max(20, (stream.columns ?? 80) - 1))}\x1b[K`);
    };
    return {
      tick(name = '') {
        count += 1;
        if (percent() !== shown) {
          shown = percent();
          draw(name);
        }
      },
      done() {
        if (finished) return;
        finished = true;
        draw('');
        stream.write('\n');
      },
    };
  }
  const line = () => stream.write(`${label}: ${count}/${total} ${unit} (${percent()}%)\n`);
  return {
    tick() {
      count += 1;
      const step = Math.floor(percent() / 10);
      if (step !== shown && count < total) {
        shown = step;
        if (step > 0) line();
      }
    },
    done() {
      if (finished) return;
      finished = true;
      line();
    },
  };
}
