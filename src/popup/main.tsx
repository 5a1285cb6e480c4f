import { render } from 'preact';
import browser from 'webextension-polyfill';
import { App } from './App.tsx';
import { browserConnector } from './browser-connector.ts';
import { documentLang } from './i18n.ts';
import './popup.css';

document.documentElement.lang = documentLang(
  browser.i18n.getUILanguage(),
  browserConnector.t('locale') || 'en',
);
document.title = browserConnector.t('extensionName');

render(<App connector={browserConnector} />, document.getElementById('app')!);
