import type { ComponentChildren } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';

export interface Tab {
  readonly id: string;
  readonly label: string;
  readonly panel: ComponentChildren;
}

/**
 * Two views of the page one tab away from each other (its providers; its resilience), near the
 * top so neither is a scroll away. The WAI-ARIA tabs pattern: arrow keys, Home and End move
 * between tabs (and select them), Tab goes on into the panel's first control. Every panel stays rendered, so a
 * report that takes a while to arrive is already asked for when its tab is opened.
 */
export function Tabs({ tabs, label }: { tabs: readonly Tab[]; label: string }) {
  const base = useId();
  const [selected, setSelected] = useState(tabs[0]?.id);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const current = tabs.some((t) => t.id === selected) ? selected : tabs[0]?.id;

  const move = (to: number) => {
    const i = (to + tabs.length) % tabs.length;
    setSelected(tabs[i]!.id);
    buttons.current[i]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const to =
      e.key === 'ArrowRight'
        ? i + 1
        : e.key === 'ArrowLeft'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? -1
              : undefined;
    if (to === undefined) return;
    e.preventDefault();
    move(to);
  };

  return (
    <div class="tabs">
      <div class="tab-list" role="tablist" aria-label={label}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={tab.id === current}
            aria-controls={`${base}-panel-${tab.id}`}
            tabIndex={tab.id === current ? 0 : -1}
            data-tab={tab.id}
            onClick={() => setSelected(tab.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${base}-panel-${tab.id}`}
          aria-labelledby={`${base}-tab-${tab.id}`}
          data-panel={tab.id}
          hidden={tab.id !== current}
        >
          {tab.panel}
        </div>
      ))}
    </div>
  );
}
