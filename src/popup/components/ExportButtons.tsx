import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Report } from '../../core/report/report.ts';
import type { Connector } from '../connector.ts';
import { useStrings } from '../i18n.ts';
import { exportFilename } from '../resilience-text.ts';

/** How long "Copied" stays on screen. */
const NOTICE_MS = 4000;

type Notice =
  | { readonly kind: 'copied' }
  | { readonly kind: 'copyFailed' }
  | { readonly kind: 'downloading'; readonly file: string };

/**
 * "Copy as Markdown", "Copy checklist" (the continuity checklist) and "Download JSON". What
 * happened is said next to the buttons, in a polite live region that is always present so that the
 * change is announced.
 */
export function ExportButtons({
  report,
  markdown,
  checklist,
  connector,
}: {
  report: Report;
  markdown: string;
  checklist: string;
  connector: Connector;
}) {
  const s = useStrings();
  const id = useId();
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      clearTimeout(timer.current);
    };
  }, []);

  const show = (next: Notice) => {
    if (!alive.current) return;
    clearTimeout(timer.current);
    setNotice(next);
    timer.current = setTimeout(() => setNotice(undefined), NOTICE_MS);
  };

  const copy = (text: string) => {
    // Emptied first: a second "Copied" in a row is announced again.
    clearTimeout(timer.current);
    setNotice(undefined);
    connector.copyText(text).then(
      () => show({ kind: 'copied' }),
      () => show({ kind: 'copyFailed' }),
    );
  };

  const download = () => {
    const file = exportFilename(report.page, connector.now());
    connector.download(file, JSON.stringify(report, null, 2));
    clearTimeout(timer.current);
    setNotice(undefined);
    queueMicrotask(() => show({ kind: 'downloading', file }));
  };

  let text = '';
  if (notice?.kind === 'copied') text = s.t('copied');
  else if (notice?.kind === 'copyFailed') text = s.t('copyFailed');
  else if (notice?.kind === 'downloading') text = s.t('downloadStarted', [notice.file]);

  return (
    <section class="export" aria-labelledby={id} data-testid="export">
      <h3 id={id} class="visually-hidden">
        {s.t('exportLabel')}
      </h3>
      <button type="button" data-testid="copy-markdown" onClick={() => copy(markdown)}>
        {s.t('copyMarkdown')}
      </button>
      <button type="button" data-testid="copy-checklist" onClick={() => copy(checklist)}>
        {s.t('copyChecklist')}
      </button>
      <button type="button" data-testid="download-json" onClick={download}>
        {s.t('downloadJson')}
      </button>
      <p
        class={`export-notice${notice?.kind === 'copyFailed' ? ' failed' : ''}`}
        aria-live="polite"
        data-testid="export-notice"
        data-notice={notice?.kind}
      >
        {text}
      </p>
    </section>
  );
}
