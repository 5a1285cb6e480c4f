import { useEffect, useState } from 'preact/hooks';
import { durationOf, HISTORY_DAYS, type HistoryEntry, timelines } from '../core/history/history.ts';
import { say } from '../core/i18n.ts';
import { LEVEL_KEYS } from '../core/levels.ts';
import { durationText } from '../core/notify/text.ts';
import type { HistoryState } from '../messages.ts';
import type { HistoryConnector } from './connector.ts';

/**
 * The History page: the watched sites with their state now (unwatch here too), then the incidents
 * of the last 30 days per provider — an inline SVG timeline and a table (start, end, duration,
 * level, sites) — exportable as JSON and clearable.
 */

type Load =
  | { state: 'loading' }
  | { state: 'ready'; history: HistoryState }
  | { state: 'failed'; error: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The narrowest bar drawn, in the timeline's 600 units (about 3 px on the page). */
const MIN_BAR = 3;

function Timeline({ bars, label }: { bars: ReturnType<typeof timelines>[number]['bars']; label: string }) {
  const W = 600;
  return (
    <svg class="timeline" viewBox={`0 0 ${W} 28`} preserveAspectRatio="none" role="img" aria-label={label}>
      <rect class="track" x="0" y="4" width={W} height="14" rx="2" />
      {bars.map((b) => {
        // A short incident stays visible: at least MIN_BAR units wide, and inside the track (one
        // that ended a minute ago starts at its right end, where a bar past it would be cut off).
        const width = Math.min(W, Math.max(MIN_BAR, b.width * W));
        return (
          <rect
            key={b.entry.start}
            class={b.entry.end === undefined ? 'bar ongoing' : 'bar'}
            x={Math.min(b.x * W, W - width)}
            y="4"
            width={width}
            height="14"
          />
        );
      })}
    </svg>
  );
}

export function App({ connector }: { connector: HistoryConnector }) {
  const { t, lang } = connector;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [note, setNote] = useState('');

  useEffect(() => {
    connector.getHistory().then(
      (history) => setLoad({ state: 'ready', history }),
      (error: unknown) => setLoad({ state: 'failed', error: messageOf(error) }),
    );
  }, [connector]);

  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const update = (p: Promise<HistoryState>, done: string) =>
    p.then(
      (history) => {
        setLoad({ state: 'ready', history });
        setNote(done);
      },
      (error: unknown) => setNote(t('histFailed', [messageOf(error)])),
    );

  const history = load.state === 'ready' ? load.history : undefined;
  const lines = history ? timelines(history.entries, history.now) : [];
  const row = (e: HistoryEntry) => (
    <tr
      key={e.start}
      data-start={e.start}
      data-end={e.end}
      data-duration={durationOf(e, history?.now ?? e.start)}
    >
      <td>
        <time dateTime={new Date(e.start).toISOString()}>{when.format(e.start)}</time>
      </td>
      <td>
        {e.end === undefined ? (
          t('histOngoing')
        ) : (
          <time dateTime={new Date(e.end).toISOString()}>{when.format(e.end)}</time>
        )}
      </td>
      <td>{durationText(t, durationOf(e, history?.now ?? e.start))}</td>
      <td>
        {t(LEVEL_KEYS[e.level])}
        {e.title ? ` — ${e.title}` : ''}
      </td>
      <td>{e.sites.join(', ')}</td>
    </tr>
  );

  return (
    <main data-state={load.state}>
      <h1>{t('histTitle')}</h1>
      {load.state === 'loading' && <p class="muted">{t('optLoading')}</p>}
      {load.state === 'failed' && (
        <p class="error" role="alert">
          {t('histFailed', [load.error])}
        </p>
      )}
      {history && (
        <>
          <section aria-labelledby="watched-heading" class="watched">
            <h2 id="watched-heading">{t('histWatchedHeading')}</h2>
            {history.watched.length === 0 ? (
              <p class="help">{t('histNoWatched')}</p>
            ) : (
              <ul>
                {history.watched.map((w) => (
                  <li key={w.host} data-watched={w.host} data-outcome={w.outcome}>
                    <strong>{w.host}</strong> · {w.providers.map((p) => p.name).join(', ')}{' '}
                    <button
                      type="button"
                      aria-label={t('histUnwatch', [w.host])}
                      onClick={() => update(connector.unwatchSite(w.host), t('histUnwatched', [w.host]))}
                    >
                      {t('histUnwatchShort')}
                    </button>
                    <p class="state">{say(t, w.sentence)}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="incidents-heading">
            <h2 id="incidents-heading">{t('histIncidentsHeading', [String(HISTORY_DAYS)])}</h2>
            {lines.length === 0 && <p class="help">{t('histNoIncidents')}</p>}
            {lines.map((line) => (
              <section
                key={line.providerId}
                data-provider={line.providerId}
                aria-labelledby={`h-${line.providerId}`}
              >
                <h3 id={`h-${line.providerId}`}>{line.name}</h3>
                <Timeline
                  bars={line.bars}
                  label={t('histTimelineLabel', [line.name, String(line.bars.length), String(HISTORY_DAYS)])}
                />
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('histStart')}</th>
                      <th scope="col">{t('histEnd')}</th>
                      <th scope="col">{t('histDuration')}</th>
                      <th scope="col">{t('histLevel')}</th>
                      <th scope="col">{t('histSites')}</th>
                    </tr>
                  </thead>
                  <tbody>{[...line.bars].reverse().map((b) => row(b.entry))}</tbody>
                </table>
              </section>
            ))}
            <div class="actions">
              <button
                type="button"
                data-testid="export"
                onClick={() =>
                  connector.download(
                    `faultline-history-${new Date(history.now).toISOString().slice(0, 10)}.json`,
                    `${JSON.stringify({ version: 1, exportedAt: new Date(history.now).toISOString(), entries: history.entries, watched: history.watched.map(({ host, url, addedAt, providers }) => ({ host, url, addedAt, providers })) }, null, 2)}\n`,
                  )
                }
              >
                {t('histExport')}
              </button>
              <button
                type="button"
                data-testid="clear"
                onClick={() => update(connector.clearHistory(), t('histCleared'))}
              >
                {t('histClear')}
              </button>
            </div>
            <p class="help">{t('histPrivacy', [String(HISTORY_DAYS)])}</p>
          </section>
        </>
      )}
      <p class="note" role="status" aria-live="polite">
        {note}
      </p>
    </main>
  );
}
