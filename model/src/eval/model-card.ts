/** Renders a model card (README.md of a model directory) from measured evaluations and the training run. */

export interface SplitReport {
  split: string;
  images: number;
  greedy: Record<string, number | null>;
  beam: Record<string, number | null>;
  baseline: Record<string, number | null>;
  /** Greedy with the object gate turned off, for a model whose gate is on by default. */
  ungated?: Record<string, number | null>;
}

export interface TrainingSummary {
  config: {
    model: Record<string, unknown>;
    train: Record<string, unknown>;
    command?: string;
    /** The checkpoint a fine-tuning run started from (train --init). */
    init?: string;
  };
  steps: number;
  images: number;
  elapsedMinutes: number;
  finalValLoss: number | null;
  trainImages: number;
  /** Images of every split trained on, when several were (train --train_splits). */
  allTrainImages?: number;
  /** The art sets of the training scenes, as model cards name them. */
  artSets: string[];
}

export interface CardInput {
  name: string;
  beams: number;
  baselineCaption: string;
  /** The object gate's default threshold, when the model ships a gate that is on. */
  gateThreshold?: number;
  /** Whether the model's count gate is on by default. */
  countGate?: boolean;
  /** The beam search's length penalty (generation_config.json). */
  lengthPenalty: number;
  splits: SplitReport[];
  training: TrainingSummary;
  samples: { file: string; caption: string; confidence: number; reliability: number | null }[];
  /** The model's verifier.json, when it ships one: what it was fitted on and the alt-text default it chose. */
  verifier?: {
    date: string;
    splits: readonly { name: string; images: number; right: number }[];
    threshold: number | null;
    /** The splits the threshold was chosen on. */
    thresholdSplits: readonly string[];
    command?: string;
  };
  command: string;
  date: string;
  /** What the model was taught beyond the emoji scenes, from the data folder (real-world and non-object splits). */
  knowledge?: {
    /** Every class it names, the emoji ones first. */
    classes: readonly string[];
    /** The classes it learnt from photos, renders and clip art, not only from emoji. */
    realClasses: readonly string[];
    /** Training images per split it was trained on (train, train-real, train-nonobject). */
    trainSplits: Readonly<Record<string, number>>;
  };
}

const ROWS: [string, string][] = [
  ['objectRecall', 'object recall ↑'],
  ['chairI', 'CHAIR-i ↓'],
  ['chairS', 'CHAIR-s ↓'],
  ['countAccuracy', 'count accuracy ↑'],
  ['Bleu_4', 'BLEU-4 ↑'],
  ['CIDEr', 'CIDEr-D ↑'],
  ['ROUGE_L', 'ROUGE-L ↑'],
];

const SPLIT_NOTES: Record<string, string> = {
  val: 'training art styles and compositions (held-out images)',
  'test-comp': 'training art styles; object pairs and object–colour combinations never seen in training',
  'test-style': 'the Fluent emoji art family, never seen in training',
  'val-real': 'photos, 3-D renders and clip art of the validation instances (never trained on)',
  'test-real': 'photos and 3-D renders of held-out instances of known classes, on held-out backgrounds',
  'test-clipart': 'held-out clip-art drawings of known classes',
  'test-nonobject':
    'screenshots of documents, code, tables, charts and forms (some designs never seen): any object named is wrong',
  'val-nonobject': 'screenshots like the training ones: any object named is wrong',
};

function fmt(value: number | null | undefined): string {
  return typeof value === 'number' ? value.toFixed(3) : 'n/a';
}

function metricsTable(report: SplitReport, beams: number): string {
  const ungated = report.ungated;
  const lines = [
    `| metric | greedy | beam ${beams} | ${ungated ? 'greedy, gate off | ' : ''}baseline |`,
    `| --- | --- | --- | ${ungated ? '--- | ' : ''}--- |`,
    ...ROWS.map(
      ([key, label]) =>
        `| ${label} | ${fmt(report.greedy[key])} | ${fmt(report.beam[key])} | ` +
        `${ungated ? `${fmt(ungated[key])} | ` : ''}${fmt(report.baseline[key])} |`,
    ),
  ];
  return lines.join('\n');
}

function knowledgeParagraph(k: NonNullable<CardInput['knowledge']>): string {
  const splits = Object.entries(k.trainSplits)
    .map(([name, n]) => `${n.toLocaleString('en')} ${name}`)
    .join(', ');
  return `It names ${k.classes.length} classes of everyday objects and nothing else
(the list is \`object_gate.json\`; anything outside it, people included, it cannot name and may call something it
knows). ${k.realClasses.length} of them it has seen as photos, 3-D renders or clip art (${k.realClasses.join(', ')});
the rest only as emoji, so a photo of those is a guess. It was trained on ${splits} images: emoji scenes, real-world
scenes composed from a few hundred photographed, rendered and drawn objects (most are furniture, household objects,
tools, food and animals), and screenshots of documents, code, tables, charts and forms, for which it was taught to
say what they are ("a screenshot of a document", "a bar chart"). It has seen few real photographs (under a hundred
objects, on their own backgrounds): street scenes, people, crowds, landscapes and text it does not describe, and it
reads no text. Trust a caption only as far as its reliability says.`;
}

export function renderModelCard(input: CardInput): string {
  const { training: t } = input;
  const m = t.config.model;
  const tr = t.config.train;
  const splitSections = input.splits
    .map(
      (s) =>
        `### ${s.split} (${s.images} images: ${SPLIT_NOTES[s.split] ?? ''})\n\n${metricsTable(s, input.beams)}`,
    )
    .join('\n\n');
  const samples = input.samples
    .map(
      (s) =>
        `| ![](samples/${s.file}) | ${s.caption} | ${s.reliability === null ? 'n/a' : s.reliability.toFixed(2)} | ${s.confidence.toFixed(2)} |`,
    )
    .join('\n');
  const v = input.verifier;
  const verifierSection = v
    ? `

**Knowing what it cannot see.** Every caption carries \`reliability\`, its verifier's estimate (\`verifier.json\`) of
the probability that every object the caption names is in the image. The verifier was fitted ${v.date}${v.command ? ` with \`${v.command}\`` : ''}
on ${v.splits.map((s) => `${s.name} (${s.images} captions, ${s.right} right)`).join(', ')}. ${v.threshold === null ? `No threshold reached 90 % precision on ${v.thresholdSplits.join(' + ')}.` : `Below ${v.threshold} (the lowest reliability at which, of the captions it lets through, 90 % are right on each of ${v.thresholdSplits.join(', ')} that has objects, and on all of them together) the alt-text plugin writes nothing.`} How well it separates right from wrong captions per split: docs/alt-text.md.`
    : '';
  return `# ${input.name}

A small image captioner: a ViT encoder (${m.stem === 'conv' ? 'convolutional stem' : 'Conv2d patch embedding'}, ${m.enc_layers} layers) and a
GPT-style decoder (${m.dec_layers} layers with causal self-attention and cross-attention to the image patches), width
${m.n_embd}, ${m.n_head} heads, ${m.image_size}×${m.image_size} input, word-level vocabulary of ${m.vocab_size}. Exported to ONNX in the
Hugging Face vision-encoder-decoder layout (\`onnx/encoder_model.onnx\`, \`onnx/decoder_model_merged.onnx\` with a KV
cache, an \`attention_mask\` input and \`cross_attentions.{i}\` outputs).

**What it is for, and its limits.** ${
    input.knowledge
      ? knowledgeParagraph(input.knowledge)
      : `It was trained only on synthetic scenes of emoji-style pictograms (see Data). It
names pictogram objects, counts and recoloured colours; it has never seen a photograph, and on photos it will
produce confident nonsense.`
  } The numbers below are what it measures; read object recall and CHAIR-i first: they say
how often it names what is in the picture, and how often it names something that is not.${verifierSection}

## Measured quality

Measured ${input.date} with \`${input.command}\` (the first N images of each split by id). Greedy and beam search use
the serving engine${input.gateThreshold ? `, with the object gate on at its default threshold ${input.gateThreshold} (a class's words are banned for an image whose presence probability for the class is below it)` : ''}${input.countGate ? `${input.gateThreshold ? ' and' : ', with'} the count gate on (count words and class words are paired only as the count head counts the image's objects)` : ''}${input.gateThreshold || input.countGate ? '; "gate off" shows greedy without the gates' : ''}. Beam search ranks captions by log-probability / length^${input.lengthPenalty} (the model's \`generation_config.json\`). "baseline" always answers the most frequent training caption: "${input.baselineCaption}".
BLEU/CIDEr-D/ROUGE-L are computed as the COCO caption evaluation computes them (pycocoevalcap definitions; the
PTB tokeniser is re-implemented), against the five generated reference captions of each scene.

${splitSections}

## Data

Synthetic compositional scenes from \`npm run data\` (seed 1): ${t.trainImages.toLocaleString('en')} training images of 1–4 object
groups from 154 curated classes (animals, food, plants, vehicles, household objects, tools, clothing, sports,
instruments), drawn from ${t.artSets.length} emoji art sets (${t.artSets.join(', ')}) with varied size, position,
rotation, counts, recolouring, plain/gradient/textured/photo-like backgrounds, blur, noise and colour jitter, each
with five template-and-paraphrase reference captions written from the known scene contents.${
    input.knowledge
      ? ` Besides them: ${(input.knowledge.trainSplits['train-real'] ?? 0).toLocaleString('en')} real-world scenes
(\`train-real\`: photos on their own backgrounds, relit photo and 3-D render cut-outs on background photos, and clip
art, from pinned Debian packages, split by picture so no test picture was trained on) and
${(input.knowledge.trainSplits['train-nonobject'] ?? 0).toLocaleString('en')} Chromium screenshots of generated pages
(\`train-nonobject\`): docs/architecture.md.`
      : ''
  } Licences of the art: see \`ATTRIBUTION.md\` (generated per picture for the real-world sources; CC-BY art
requires attribution); only art whose licence puts no condition on the model was trained on.

## Training

\`${t.config.command ?? 'npm run train'}\` on 2 CPU cores (bf16 autocast)${t.config.init ? `, fine-tuning the weights of \`${t.config.init}\` (that run's recipe: docs/experiments.md)` : ''}:
${t.steps} steps of batch ${tr.batch_size}${t.steps < Number(tr.max_steps) ? ` (stopped at step ${t.steps} of a ${tr.max_steps}-step schedule; best checkpoint by val object recall)` : ''} (${t.images.toLocaleString('en')} images seen, ${(t.images / (t.allTrainImages ?? t.trainImages)).toFixed(1)} epochs) in ${t.elapsedMinutes.toFixed(0)} minutes,
AdamW lr ${tr.lr} with ${tr.warmup_steps} warm-up steps and a ${tr.schedule} schedule to ${tr.min_lr}, cross-entropy with teacher
forcing (padding ignored)${Number(m.aux_object_loss) > 0 ? ` plus an object-presence loss on the encoder (weight ${m.aux_object_loss})` : ''}${Number(m.patch_object_loss) > 0 ? ` and a per-patch object loss from the scenes' boxes (weight ${m.patch_object_loss})` : ''}${Number(m.count_loss) > 0 ? ` and a per-class count loss (density head, weight ${m.count_loss})` : ''}${Number(tr.style_augment) > 0 ? `; ${Math.round(Number(tr.style_augment) * 100)}% of training images restyled (posterise, blur, resample, sharpen; colours and positions kept)` : ''}. Final validation loss ${fmt(t.finalValLoss)}.

![learning curves](learning_curve.png)

## Samples (greedy)

| image | caption | reliability | confidence |
| --- | --- | --- | --- |
${samples}

Reliability is the verifier's probability that the caption names only objects that are there (n/a without
verifier.json); confidence is exp(mean token log-probability) of the caption: the geometric mean of its tokens'
probabilities.
`;
}
