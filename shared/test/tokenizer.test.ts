import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CaptionTokenizer } from '../src/tokenizer/caption-tokenizer.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const TRAINING = ['a dog and a cat', 'two red apples', 'there is a blue bus', "a fox's tail next to a café"];
const PROBES = [
  'A Dog.',
  'two  RED apples!',
  "isn't it a dog's ball",
  'a cat, a dog; a bus',
  'a dog\u2019s bone',
  'snake_case and under-score',
  'a zebra',
  'café',
  '',
];

// The Python tokenizer that training used builds tokenizer.json and encodes the probes; the TypeScript side loads
// that file with @huggingface/tokenizers and must produce the same ids, so serving reads what training wrote.
const PYTHON = `
import json, sys
from captioner.tokenizer import Tokenizer
out, training, probes = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
tok = Tokenizer.build(training)
tok.save(out, max_len=32)
print(json.dumps({"ids": [tok.encode(p) for p in probes], "decoded": tok.decode(tok.encode(training[0]))}))
`;

let python: { ids: number[][]; decoded: string };
let tokenizer: CaptionTokenizer;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'tokenizer-'));
  const stdout = execFileSync(
    'bash',
    ['scripts/python.sh', '-c', PYTHON, dir, JSON.stringify(TRAINING), JSON.stringify(PROBES)],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  python = JSON.parse(stdout) as typeof python;
  tokenizer = new CaptionTokenizer(
    JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as object,
    JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8')) as object,
  );
});

describe('CaptionTokenizer with a tokenizer.json written by training', () => {
  it('encodes every probe to the ids the Python tokenizer gives', () => {
    PROBES.forEach((probe, i) => {
      // Python's encode wraps the words in <bos> ... <eos>; compare the words.
      const words = (python.ids[i] ?? []).filter((id) => id > 2);
      expect(tokenizer.encode(probe), probe).toEqual(words);
    });
  });

  it('decodes generated ids to words joined by single spaces, specials dropped', () => {
    const ids = [1, ...tokenizer.encode(TRAINING[0] ?? ''), 2, 0];
    expect(tokenizer.decode(ids)).toBe('a dog and a cat');
    expect(python.decoded).toBe('a dog and a cat');
  });

  it('maps unknown words to <unk>', () => {
    expect(tokenizer.encode('a zebra')).toEqual([tokenizer.tokenId('a'), tokenizer.tokenId('<unk>')]);
  });
});
