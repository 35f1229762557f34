import { describe, expect, it } from 'vitest';
import { maskPhone, maskText, maskValue } from '../../../src-shared/domain/field-mask';

// How a masked field reads: enough to recognise a known value, not enough to copy it.
describe('field masks', () => {
  it('keeps the first 3 and last 4 digits of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskValue('021-62345678')).toBe('021****5678');
    expect(maskPhone('12345')).toBe('1***');
  });

  it('keeps the first character of other text, and of numbers as text', () => {
    expect(maskText('南京示例有限公司')).toBe('南***');
    expect(maskValue('wang@example.cn')).toBe('w***');
    expect(maskValue(8_880_321)).toBe('8***');
    expect(maskValue(true)).toBe('***');
    expect(maskValue(['13812345678', '备注'])).toEqual(['138****5678', '备***']);
  });

  it('leaves empty values empty and does not mask a mask again', () => {
    expect(maskValue(null)).toBeNull();
    expect(maskValue('')).toBe('');
    expect(maskValue('138****5678')).toBe('138****5678');
    expect(maskValue('南***')).toBe('南***');
  });
});
