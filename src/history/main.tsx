import { render } from 'preact';
import { App } from './App.tsx';
import { browserConnector } from './browser-connector.ts';
import '../options/options.css';
import './history.css';

document.documentElement.lang = browserConnector.lang;
document.title = browserConnector.t('histTitle');

render(<App connector={browserConnector} />, document.getElementById('app')!);
