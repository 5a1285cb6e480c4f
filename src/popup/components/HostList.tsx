import { useStrings } from '../i18n.ts';

/** Hosts shown before "and N more hosts". */
export const MAX_LISTED_HOSTS = 20;

/** A plain list of host names, capped. */
export function HostList({ hosts, labelledBy }: { hosts: readonly string[]; labelledBy?: string }) {
  const s = useStrings();
  const shown = hosts.slice(0, MAX_LISTED_HOSTS);
  const rest = hosts.length - shown.length;
  return (
    <>
      <ul class="hosts" data-testid="unattributed-hosts" aria-labelledby={labelledBy}>
        {shown.map((host) => (
          <li key={host} data-host={host}>
            <code>{host}</code>
          </li>
        ))}
      </ul>
      {rest > 0 ? <p class="more">{s.count('moreHosts', rest)}</p> : null}
    </>
  );
}
