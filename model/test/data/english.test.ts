import { expect, it, describe as suite } from 'vitest';
import { describe, indefiniteArticle, joinList } from '../../src/data/english.ts';

suite('indefiniteArticle', () => {
  it('uses "an" before a vowel sound and "a" before a consonant sound', () => {
    expect(indefiniteArticle('apple')).toBe('an');
    expect(indefiniteArticle('owl')).toBe('an');
    expect(indefiniteArticle('orange cat')).toBe('an');
    expect(indefiniteArticle('umbrella')).toBe('an');
    expect(indefiniteArticle('ice cream cone')).toBe('an');
    expect(indefiniteArticle('dog')).toBe('a');
    expect(indefiniteArticle('unicorn')).toBe('a');
    expect(indefiniteArticle('yellow banana')).toBe('a');
    expect(indefiniteArticle('hour')).toBe('an');
  });
});

suite('describe', () => {
  it('writes counts, plurals and colours', () => {
    expect(describe({ name: 'cat', plural: 'cats', count: 1, color: null })).toBe('a cat');
    expect(describe({ name: 'cat', plural: 'cats', count: 2, color: null })).toBe('two cats');
    expect(describe({ name: 'apple', plural: 'apples', count: 3, color: 'red' })).toBe('three red apples');
    expect(describe({ name: 'apple', plural: 'apples', count: 1, color: null })).toBe('an apple');
    expect(describe({ name: 'apple', plural: 'apples', count: 1, color: 'red' })).toBe('a red apple');
    expect(describe({ name: 'dog', plural: 'dogs', count: 1, color: 'orange' })).toBe('an orange dog');
    expect(describe({ name: 'sheep', plural: 'sheep', count: 2, color: null })).toBe('two sheep');
    expect(describe({ name: 'pair of glasses', plural: 'pairs of glasses', count: 2, color: null })).toBe(
      'two pairs of glasses',
    );
  });
});

suite('joinList', () => {
  it('joins with commas and a final "and"', () => {
    expect(joinList(['a dog'])).toBe('a dog');
    expect(joinList(['a dog', 'a cat'])).toBe('a dog and a cat');
    expect(joinList(['a dog', 'a cat', 'two apples'])).toBe('a dog, a cat and two apples');
  });
});
