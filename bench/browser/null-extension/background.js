/*
 * The benchmark's null extension: Faultline's permissions and the same event listeners, each
 * doing nothing. The browser still copies every response's details, headers included, into this
 * worker: the floor for any extension that reads responses this way.
 */
const FILTER = { urls: ['<all_urls>'] };
const nothing = () => {};
chrome.webRequest.onResponseStarted.addListener(nothing, FILTER, ['responseHeaders']);
chrome.webRequest.onErrorOccurred.addListener(nothing, FILTER);
chrome.webNavigation.onCommitted.addListener(nothing);
chrome.tabs.onUpdated.addListener(nothing);
chrome.tabs.onReplaced.addListener(nothing);
chrome.tabs.onRemoved.addListener(nothing);
chrome.storage.onChanged.addListener(nothing);
chrome.runtime.onMessage.addListener(nothing);
chrome.alarms.onAlarm.addListener(nothing);
