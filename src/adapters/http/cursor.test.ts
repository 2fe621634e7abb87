import { describe, expect, it } from 'vitest';
import { cursorContent, encodeCursor } from './cursor.js';

describe('poll cursors', () => {
  it('are base64url of their JSON, and read back as it', () => {
    const cursor = encodeCursor({ since: '2025-02-12T00:00:00Z', page: 2 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(cursor, 'base64url').toString('utf8')).toBe('{"since":"2025-02-12T00:00:00Z","page":2}');
    expect(cursorContent(cursor)).toEqual({ since: '2025-02-12T00:00:00Z', page: 2 });
  });

  it('give nothing for text that is no cursor', () => {
    expect(cursorContent('not a cursor')).toBeUndefined();
    expect(cursorContent('')).toBeUndefined();
    expect(cursorContent(Buffer.from('null').toString('base64url'))).toBeNull();
  });
});
