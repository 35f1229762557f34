import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { namePinyin, sortKeyOf } from '../../../src-main/services/search/pinyin-keys';

// namePinyin derives the search keys from the sort key's conversion; the model is the two
// separate conversions it replaces (the "removed" one straight from pinyin-pro).
function model(name: string) {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'removed', v: true });
  const keys = /[\u3400-\u9fff]/.test(name)
    ? {
        full: syllables.join('').toLowerCase(),
        initials: syllables
          .map((s) => s.slice(0, 1))
          .join('')
          .toLowerCase(),
      }
    : { full: '', initials: '' };
  return { sortKey: sortKeyOf(name), keys };
}

describe('namePinyin', () => {
  it('gives the sort key and the search keys of the two separate conversions', () => {
    // Polyphones (重 行 长 乐 和), 〇, letters, digits, full-width forms, spaces, punctuation, an astral character.
    const char = fc.constantFrom(
      '重',
      '庆',
      '行',
      '长',
      '乐',
      '和',
      '中',
      '国',
      '银',
      '〇',
      '一',
      'A',
      'z',
      'ü',
      '1',
      '２',
      'Ａ',
      ' ',
      '（',
      '-',
      '·',
      '𠀋',
      'é',
      '々',
    );
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 14 }).map((c) => c.join('')),
        (name) => {
          expect(namePinyin(name)).toEqual(model(name));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads company names as a person would', () => {
    expect(namePinyin('重庆重工ABC有限公司')).toEqual({
      sortKey: 'chong qing zhong gong abc you xian gong si\u0001重庆重工ABC有限公司',
      keys: { full: 'chongqingzhonggongyouxiangongsi', initials: 'cqzgyxgs' },
    });
  });
});
