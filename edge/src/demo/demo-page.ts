/**
 * The demo page at `/`: choose or drop an image, watch the caption stream in word by word (SSE over fetch with
 * the configured publishable key), see the alternatives, their scores and the confidence, and hover a word to see
 * its attention map over the image. Plain HTML and script, no build step.
 */
export function demoPage(publishableKey: string | undefined): string {
  // JSON in a script element: escape "<" so the key can never close the element.
  const key = JSON.stringify(publishableKey ?? '').replaceAll('<', '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Streaming captions</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 760px; margin: 2rem auto; padding: 0 1rem; color: #222; }
  #drop { border: 2px dashed #999; border-radius: 8px; padding: 1.5rem; text-align: center; cursor: pointer; }
  #drop.over { border-color: #2a6; background: #efe; }
  #stage { position: relative; display: inline-block; margin-top: 1rem; }
  #stage img { display: block; max-width: 100%; max-height: 420px; }
  #heat { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; opacity: 0.6; }
  #caption { font-size: 1.4rem; min-height: 2.2rem; margin: 1rem 0 0.25rem; }
  #caption span { padding: 0 2px; border-radius: 3px; cursor: default; }
  #caption span:hover, #caption span.active { background: #fd5; }
  #meta { color: #555; } #error { color: #b00; }
  ol { padding-left: 1.4rem; } li span { color: #777; font-variant-numeric: tabular-nums; }
  label { font-size: 0.9rem; color: #555; }
</style>
</head>
<body>
<h1>Streaming captions</h1>
<div id="drop" tabindex="0">Drop an image here, or click to choose one (JPEG, PNG, WebP, GIF)</div>
<input id="file" type="file" accept="image/jpeg,image/png,image/webp,image/gif" hidden>
<p><label>beams <input id="beams" type="number" min="1" max="8" value="3"></label>
<label>API key <input id="key" size="24"></label></p>
<div id="stage" hidden><img id="image" alt="the image being captioned"><canvas id="heat"></canvas></div>
<p id="caption" aria-live="polite"></p>
<p id="meta"></p>
<p id="error" role="alert"></p>
<ol id="alternatives"></ol>
<script>
const KEY = ${key};
const $ = (id) => document.getElementById(id);
$('key').value = KEY;
const words = [];
let grid = null;

function drawAttention(weights) {
  const canvas = $('heat'), img = $('image');
  canvas.width = img.clientWidth; canvas.height = img.clientHeight;
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (!weights || weights.length === 0) return;
  const rows = grid ? grid.rows : Math.round(Math.sqrt(weights.length));
  const cols = grid ? grid.cols : Math.round(weights.length / rows);
  const max = Math.max(...weights) || 1;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const w = (weights[r * cols + c] || 0) / max;
    ctx.fillStyle = 'rgba(255, 40, 0, ' + w.toFixed(3) + ')';
    ctx.fillRect(c * canvas.width / cols, r * canvas.height / rows, canvas.width / cols + 1, canvas.height / rows + 1);
  }
}

function addWord(word) {
  words[word.index] = word;
  const span = document.createElement('span');
  span.textContent = word.text;
  span.dataset.index = String(word.index);
  span.addEventListener('mouseenter', () => { span.classList.add('active'); drawAttention(word.attention); });
  span.addEventListener('mouseleave', () => { span.classList.remove('active'); drawAttention(null); });
  $('caption').append(span, ' ');
}

function showResult(result) {
  if (result.attention) grid = { rows: result.attention.rows, cols: result.attention.cols };
  $('meta').textContent = 'confidence ' + result.confidence.toFixed(3) + ' · ' + result.model +
    ' · ' + result.timings.total_ms + ' ms';
  for (const alt of result.alternatives) {
    const li = document.createElement('li');
    const score = document.createElement('span');
    score.textContent = ' (' + alt.score.toFixed(3) + ')';
    li.append(alt.caption, score);
    $('alternatives').append(li);
  }
  document.body.dataset.state = 'done';
}

async function caption(file) {
  words.length = 0; grid = null;
  for (const id of ['caption', 'meta', 'error', 'alternatives']) $(id).textContent = '';
  document.body.dataset.state = 'streaming';
  $('image').src = URL.createObjectURL(file);
  $('stage').hidden = false;
  drawAttention(null);
  const beams = Math.min(8, Math.max(1, Number($('beams').value) || 3));
  try {
    const response = await fetch('/v1/captions?stream=true&attention=true&beams=' + beams, {
      method: 'POST',
      headers: { authorization: 'Bearer ' + $('key').value, 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error((body.error && body.error.message) || ('HTTP ' + response.status));
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\\n\\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message', data = '';
        for (const line of block.split('\\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data += line.slice(5).trim();
        }
        const payload = JSON.parse(data);
        if (event === 'word') addWord(payload);
        else if (event === 'done') showResult(payload);
        else if (event === 'error') throw new Error(payload.message);
      }
    }
  } catch (error) {
    $('error').textContent = error.message;
    document.body.dataset.state = 'error';
  }
}

const drop = $('drop');
drop.addEventListener('click', () => $('file').click());
drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') $('file').click(); });
$('file').addEventListener('change', () => { if ($('file').files[0]) caption($('file').files[0]); });
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault(); drop.classList.remove('over');
  if (e.dataTransfer.files[0]) caption(e.dataTransfer.files[0]);
});
</script>
</body>
</html>
`;
}
