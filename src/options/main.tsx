import { render } from 'preact';
import browser from 'webextension-polyfill';
import { CATALOG } from '../core/catalog/index.ts';
import { IP_RANGES } from '../core/detect/index.ts';
import { App } from './App.tsx';
import { browserConnector } from './browser-connector.ts';
import './options.css';

document.documentElement.lang = browserConnector.lang;
document.title = browserConnector.t('optTitle');

render(
  <App
    connector={browserConnector}
    about={{
      version: browser.runtime.getManifest().version,
      providers: CATALOG.length,
      ipRanges: IP_RANGES.generated,
      ipSources: CATALOG.flatMap((p) => {
        const source = p.ipRanges ? IP_RANGES.sources?.[p.ipRanges] : undefined;
        return source ? [{ name: p.name, ...source }] : [];
      }),
    }}
  />,
  document.getElementById('app')!,
);
