/**
 * The inspector's one page: plain HTML, CSS and JavaScript, nothing fetched from elsewhere. Deliveries
 * are rendered with `textContent` only (a delivery's body is attacker-controlled text, never markup).
 */

const STYLE = `
:root { --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #f6f8fa; }
header { display: flex; align-items: center; gap: 16px; padding: 12px 20px; background: #24292f; color: #fff; }
header h1 { margin: 0; font-size: 16px; font-weight: 600; }
header .counts { font-size: 13px; color: #d0d7de; }
header .live { margin-left: auto; font-size: 12px; }
header .live::before { content: "●"; margin-right: 6px; color: #8c959f; }
header .live.on::before { color: #2da44e; }
main { padding: 16px 20px; max-width: 1200px; }
.empty { color: var(--muted); padding: 24px 0; }
details.delivery { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--line); border-radius: 6px; margin-bottom: 8px; }
details.delivery.verified { border-left-color: var(--ok); }
details.delivery.failed { border-left-color: var(--bad); }
summary { display: grid; grid-template-columns: 90px 80px minmax(140px, 1fr) minmax(140px, 1fr) 190px minmax(160px, 1fr); gap: 10px; align-items: center; padding: 8px 12px; cursor: pointer; list-style: none; }
summary::-webkit-details-marker { display: none; }
.time, .id, .fwd { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.provider { font-weight: 600; }
.type { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
.verdict { justify-self: start; white-space: nowrap; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.verified .verdict { color: var(--ok); background: var(--ok-bg); }
.failed .verdict { color: var(--bad); background: var(--bad-bg); }
.detail { padding: 4px 16px 16px; border-top: 1px solid var(--line); }
.detail h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 14px 0 6px; }
.diagnosis { background: var(--bad-bg); border: 1px solid #ffcecb; border-radius: 6px; padding: 8px 12px; }
.diagnosis li { margin: 4px 0; }
.diagnosis .kind { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; font-weight: 600; color: var(--bad); margin-right: 6px; }
.diagnosis .tried { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
td { padding: 2px 12px 2px 0; vertical-align: top; word-break: break-all; }
td:first-child { color: var(--muted); white-space: nowrap; }
pre { margin: 0; padding: 10px; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; overflow: auto; max-height: 360px; font-size: 12px; }
.actions { margin-top: 12px; display: flex; gap: 12px; align-items: center; }
button { font: inherit; padding: 4px 12px; border: 1px solid var(--line); border-radius: 6px; background: #f6f8fa; cursor: pointer; }
button:hover { background: #eef1f4; }
.result { font-size: 13px; }
`

const SCRIPT = `
const token = document.querySelector('meta[name="unihook-token"]').content;
const list = document.getElementById('list');
const counts = { verified: 0, failed: 0 };
const seen = new Set();
const el = (tag, props, ...children) => {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const c of children) if (c !== undefined && c !== null) node.append(c);
  return node;
};
const showCounts = () => {
  document.getElementById('counts').textContent = counts.verified + ' verified, ' + counts.failed + ' failed';
  document.getElementById('empty').hidden = seen.size > 0;
};
function detail(d) {
  const box = el('div', { className: 'detail' });
  if (!d.verified) {
    const diag = el('div', { className: 'diagnosis' });
    diag.append(el('strong', { textContent: 'Not verified: ' + d.reason }), el('div', { textContent: d.message || '' }));
    const findings = el('ul');
    for (const f of (d.diagnosis && d.diagnosis.findings) || []) findings.append(el('li', {}, el('span', { className: 'kind', textContent: f.kind }), f.message));
    diag.append(findings);
    for (const t of (d.diagnosis && d.diagnosis.tried) || []) diag.append(el('div', { className: 'tried', textContent: 'tried: ' + t }));
    box.append(el('h3', { textContent: 'Diagnosis' }), diag);
  } else if (d.signedBy) {
    box.append(el('h3', { textContent: 'Verified' }), el('div', { textContent: 'signed with ' + d.signedBy }));
  }
  const headers = el('table');
  for (const [k, v] of Object.entries(d.headers)) headers.append(el('tr', {}, el('td', { textContent: k }), el('td', { textContent: v })));
  box.append(el('h3', { textContent: 'Headers' }), headers);
  box.append(el('h3', { textContent: 'Body (' + d.bodyBytes + ' bytes' + (d.bodyEncoding === 'base64' ? ', base64' : '') + ')' }), el('pre', { className: 'body', textContent: d.body }));
  const result = el('span', { className: 'result' });
  const button = el('button', { className: 'resend', type: 'button', textContent: 'Resend' });
  button.addEventListener('click', async () => {
    result.textContent = 'sending…';
    try {
      const response = await fetch('/api/deliveries/' + encodeURIComponent(d.id) + '/resend', { method: 'POST', headers: { 'x-unihook-token': token } });
      const answer = await response.json();
      if (answer.resent) result.textContent = answer.resent.status !== undefined ? 'resent to ' + answer.resent.to + ': ' + answer.resent.status + (answer.resent.resigned ? ' (signed again by the sandbox)' : ' (byte for byte)') : 'resend failed: ' + answer.resent.error;
      else result.textContent = 'resend failed: ' + answer.error;
    } catch (error) { result.textContent = 'resend failed: ' + error.message; }
  });
  box.append(el('div', { className: 'actions' }, button, result));
  return box;
}
function add(d) {
  if (seen.has(d.id)) return;
  seen.add(d.id);
  counts[d.verified ? 'verified' : 'failed']++;
  const item = el('details', { className: 'delivery ' + (d.verified ? 'verified' : 'failed') });
  item.dataset.id = d.id;
  const time = new Date(d.receivedAt);
  item.append(el('summary', {},
    el('span', { className: 'time', textContent: time.toLocaleTimeString() }),
    el('span', { className: 'provider', textContent: d.provider }),
    el('span', { className: 'type', textContent: d.type || '-' }),
    el('span', { className: 'id', textContent: d.eventId || d.id }),
    el('span', { className: 'verdict', textContent: d.verified ? '✔ verified' : '✘ ' + d.reason }),
    el('span', { className: 'fwd', textContent: d.forward })));
  let filled = false;
  item.addEventListener('toggle', () => { if (item.open && !filled) { filled = true; item.append(detail(d)); } });
  list.prepend(item);
  showCounts();
}
async function start() {
  const response = await fetch('/api/deliveries?token=' + encodeURIComponent(token));
  for (const d of (await response.json()).deliveries) add(d);
  const live = document.getElementById('live');
  const source = new EventSource('/api/stream?token=' + encodeURIComponent(token));
  source.addEventListener('open', () => { live.textContent = 'live'; live.classList.add('on'); });
  source.addEventListener('error', () => { live.textContent = 'reconnecting'; live.classList.remove('on'); });
  source.addEventListener('delivery', (event) => add(JSON.parse(event.data)));
}
showCounts();
start();
`

export function inspectorPage(nonce: string, token: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="unihook-token" content="${token}">
<title>unihook inspector</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header><h1>unihook inspector</h1><span class="counts" id="counts"></span><span class="live" id="live">connecting</span></header>
<main><div class="empty" id="empty">No deliveries yet: trigger one, and it appears here.</div><div id="list"></div></main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`
}
