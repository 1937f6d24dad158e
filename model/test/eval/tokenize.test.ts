import { describe, expect, it } from 'vitest';
import { tokenizeCaption } from '../../src/eval/metrics/tokenize.ts';

describe('tokenizeCaption (PTBTokenizer -preserveLines -lowerCase, then the COCO punctuation filter)', () => {
  it.each([
    ["Don't stop", "do n't stop"],
    ["I can't, he won't, they isn't", "i ca n't he wo n't they is n't"],
    [
      "I'm here; they're there; we'll see; you've got it; he'd go.",
      "i 'm here they 're there we 'll see you 've got it he 'd go",
    ],
    ["The dog's bone and the dogs' bowls.", "the dog 's bone and the dogs bowls"],
    ["HE'S here, it’s mine, don’t", "he 's here it 's mine do n't"],
    ['I cannot see', 'i can not see'],
    ["o'clock, 'em, y'all", "o'clock 'em y' all"],
  ])('splits contractions as PTB does: %j', (caption, tokens) => {
    expect(tokenizeCaption(caption)).toBe(tokens);
  });

  it.each([
    ['A man riding a horse.', 'a man riding a horse'],
    ['Hello, world! How are you?', 'hello world how are you'],
    ['wait... really; yes: no - maybe -- fine — ok…', 'wait really yes no maybe fine ok'],
    ['He said "hi" to me', 'he said hi to me'],
    ['“curly” and ‘single’ quotes', 'curly and single quotes'],
    ['a\nsecond line', 'a second line'],
    ['...', ''],
  ])('lower-cases and drops the punctuation tokens: %j', (caption, tokens) => {
    expect(tokenizeCaption(caption)).toBe(tokens);
  });

  it.each([
    ['a black-and-white photo of a t-shirt', 'a black-and-white photo of a t-shirt'],
    ['3.5 inches, 1,000 people, $5, 50%', '3.5 inches 1,000 people $ 5 50 %'],
    ['Mr. Smith in Washington D.C. etc.', 'mr. smith in washington d.c. etc.'],
    ['the U.S. flag', 'the u.s. flag'],
  ])('keeps words, numbers and abbreviations whole: %j', (caption, tokens) => {
    expect(tokenizeCaption(caption)).toBe(tokens);
  });

  it.each([
    // Brackets become -LRB- etc., lower-cased to "-lrb-", which the upper-case filter list does not drop.
    ['a cat (white)', 'a cat -lrb- white -rrb-'],
    ['what?!', 'what ?!'],
    ['black/white', 'black\\/white'],
    ['a grey colour', 'a gray color'],
    ['Grey cat', 'grey cat'],
  ])('reproduces the reference pipeline quirks: %j', (caption, tokens) => {
    expect(tokenizeCaption(caption)).toBe(tokens);
  });
});
