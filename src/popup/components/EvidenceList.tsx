import type { ShownEvidence } from '../../core/page/view.ts';
import { useStrings } from '../i18n.ts';
import { Message } from './Message.tsx';

function EvidenceItem({ item }: { item: ShownEvidence }) {
  const e = item.evidence;
  switch (e.kind) {
    case 'header':
      return (
        <Message
          id="evidenceHeader"
          parts={[<code key="h">{`${e.name}: ${e.value}`}</code>, <code key="o">{item.host}</code>]}
        />
      );
    case 'host':
      return (
        <Message id="evidenceHost" parts={[<code key="h">{e.host}</code>, <code key="s">{e.suffix}</code>]} />
      );
    case 'ip':
      return (
        <Message id="evidenceIp" parts={[<code key="i">{e.ip}</code>, <code key="r">{e.range}</code>]} />
      );
  }
}

/** Why we believe this provider is there: a native disclosure, closed by default. */
export function EvidenceList({ evidence }: { evidence: readonly ShownEvidence[] }) {
  const { t } = useStrings();
  if (evidence.length === 0) return null;
  return (
    <details class="evidence" data-testid="evidence">
      <summary>{t('evidence')}</summary>
      <ul>
        {evidence.map((item, i) => (
          <li key={i} data-evidence={item.evidence.kind}>
            <EvidenceItem item={item} />
          </li>
        ))}
      </ul>
    </details>
  );
}
