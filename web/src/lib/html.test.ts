import { describe, expect, it } from 'vitest';
import { htmlText } from './html';

describe('htmlText', () => {
  it('neutralises markup in names from imports (docs/security.md §5)', () => {
    expect(htmlText('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(htmlText("湖州 & 'A'")).toBe('湖州 &amp; &#39;A&#39;');
  });
});
