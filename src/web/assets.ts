// The web interface's one stylesheet and one small script, served from /assets (same origin: the Content-Security-
// Policy allows nothing else). Pages are complete without the script: sources show on hover and on keyboard focus by
// CSS alone; the script only makes a click (or Enter/Space) pin them open, and Escape close them.

export const STYLESHEET = `
:root { --ink: #1b1b1b; --muted: #555; --line: #d0d0d0; --accent: #0b57d0; --mark: #fff2a8; --cited: #e6f0ff; --bg: #fff; --panel: #f6f6f6; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f9a825; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 10; }
header.site { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; padding: 10px 20px; border-bottom: 1px solid var(--line); }
header.site .brand { font-weight: 700; font-size: 1.2rem; color: var(--ink); text-decoration: none; }
header.site nav ul { list-style: none; display: flex; gap: 16px; margin: 0; padding: 0; }
header.site form { margin-left: auto; display: flex; gap: 6px; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 20px 48px; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); padding: 12px 20px; font-size: .875rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .4em 0; } h2 { font-size: 1.2rem; margin-top: 1.6em; border-bottom: 1px solid var(--line); }
.meta { color: var(--muted); font-size: .9rem; }
input, select, button { font: inherit; padding: 4px 8px; border: 1px solid #888; border-radius: 4px; background: #fff; color: var(--ink); }
button { cursor: pointer; }
details.filter-box > summary { cursor: pointer; color: var(--muted); margin: 4px 0; }
p.lede { margin: 4px 0; }
form.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; background: var(--panel); padding: 10px; border-radius: 6px; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
ol.events { list-style: none; padding: 0; } ol.events > li { padding: 12px 0; border-bottom: 1px solid var(--line); }
ol.events h2 { border: 0; margin: 0; font-size: 1.1rem; }
.tags { display: flex; flex-wrap: wrap; gap: 4px; margin: 4px 0 0; padding: 0; list-style: none; font-size: .85rem; }
.tags li { background: var(--panel); border-radius: 10px; padding: 0 8px; }
nav.pages { display: flex; gap: 16px; margin-top: 16px; }
ol.summary { padding-left: 1.2em; } ol.summary li { margin: .4em 0; position: relative; }
.cite { position: relative; display: inline; }
.cite > button.sentence { all: unset; cursor: pointer; border-bottom: 1px dotted var(--accent); vertical-align: top; }
.cite > button.sentence:focus-visible { outline: 3px solid #f9a825; }
.cite .sources { display: none; position: absolute; left: 0; top: 100%; z-index: 5; min-width: 260px; max-width: 460px; background: #fff; border: 1px solid #888; border-radius: 6px; padding: 6px 10px; box-shadow: 0 4px 12px rgba(0,0,0,.15); font-size: .9rem; }
.cite:hover .sources, .cite > button.sentence:focus-visible + .sources, .cite.open .sources { display: block; }
.cite.closed .sources, .cite.closed > button.sentence:focus-visible + .sources { display: none; }
.cite .sources ul { margin: 0; padding-left: 1.1em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); }
td.yes { background: #d9f2d9; text-align: center; } td.no { color: #999; text-align: center; }
.scroll { overflow-x: auto; }
blockquote { margin: .4em 0; padding-left: 12px; border-left: 3px solid var(--line); }
.article-text p { margin: .6em 0; }
.article-text .cited { background: var(--cited); }
.removed { color: #767676; } .removed li { margin: .2em 0; } .removed .reason { font-style: italic; }
mark { background: var(--mark); color: inherit; }
svg.chart { width: 100%; height: auto; max-height: 180px; } svg.chart rect.bar { fill: #7aa7e8; } svg.chart rect.key { fill: #d93025; }
svg.chart text { font-size: 10px; fill: #333; }
.timeline dt { font-weight: 700; margin-top: .8em; } .timeline dd { margin: .2em 0 0 1em; }
@media (max-width: 640px) { header.site form { margin-left: 0; width: 100%; } header.site form input { flex: 1; } h1 { font-size: 1.3rem; } .cite .sources { position: static; } }
@media (prefers-color-scheme: dark) { :root { --ink: #eee; --muted: #bbb; --line: #444; --accent: #8ab4f8; --bg: #121212; --panel: #222; --cited: #1e3350; --mark: #5c4b00; }
  input, select, button, .cite .sources { background: #1e1e1e; color: var(--ink); } td.yes { background: #1f3d1f; } }
`;

export const SCRIPT = `
(function () {
  function toggle(cite, open) {
    var button = cite.querySelector('button.sentence');
    if (open === undefined) open = !cite.classList.contains('open');
    cite.classList.toggle('open', open);
    if (button) button.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('.cite > button.sentence');
    document.querySelectorAll('.cite.open').forEach(function (c) { if (!button || c !== button.parentElement) toggle(c, false); });
    if (button) { button.parentElement.classList.remove('closed'); toggle(button.parentElement); }
  });
  // Escape closes every open list, and the focused sentence's too until it loses the focus.
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    document.querySelectorAll('.cite.open').forEach(function (c) { toggle(c, false); });
    var focused = document.activeElement && document.activeElement.closest && document.activeElement.closest('.cite');
    if (focused) focused.classList.add('closed');
  });
  document.addEventListener('focusout', function (e) {
    var cite = e.target.closest && e.target.closest('.cite');
    if (cite) cite.classList.remove('closed');
  });
})();
`;
