// The dashboard's entry: a small router over the History API. Each page module exports
// mount(main, params, query) and may return a function that stops its streams and timers.
import {clear, h, setTitle} from './dom.js';
import * as runs from './runs.js';
import * as run from './run.js';
import * as log from './log.js';
import * as submit from './submit.js';

const routes = [
  {pattern: /^\/(?:runs\/?)?$/, page: runs, nav: 'runs'},
  {pattern: /^\/submit\/?$/, page: submit, nav: 'submit'},
  {pattern: /^\/runs\/([^/]+)\/hosts\/([^/]+)\/log\/?$/, page: log, nav: 'runs', keys: ['id', 'host']},
  {pattern: /^\/runs\/([^/]+)\/?$/, page: run, nav: 'runs', keys: ['id']},
];

let stop = null;

function render() {
  if (stop) { try { stop(); } catch (e) { console.warn('page cleanup failed', e); } stop = null; }
  const main = document.getElementById('main');
  clear(main);
  const path = location.pathname;
  const query = new URLSearchParams(location.search);
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params = {};
    (route.keys || []).forEach((key, i) => { params[key] = decodeURIComponent(match[i + 1]); });
    for (const a of document.querySelectorAll('[data-nav]')) {
      if (a.dataset.nav === route.nav) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    }
    stop = route.page.mount(main, params, query) || null;
    return;
  }
  setTitle('Not found');
  main.append(h('h1', {}, 'Not found'), h('p', {}, 'No page at ', h('code', {}, path), '. ', h('a', {href: '/'}, 'All runs')));
}

/** Goes to a dashboard path without reloading the page. */
export function navigate(path, {replace = false} = {}) {
  if (replace) history.replaceState(null, '', path); else history.pushState(null, '', path);
  render();
  if (!replace) document.getElementById('main').focus({preventScroll: true});
  window.scrollTo(0, 0);
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download') || a.dataset.external !== undefined) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/assets/')
    || url.pathname === '/login' || url.pathname === '/logout') return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', render);
render();
