import { describe, expect, it } from 'vitest';
import { getMessage, type MessageFile } from './get-message.ts';

const FILE: MessageFile = {
  plain: { message: 'Hello' },
  named: { message: '$COUNT$ scripts', placeholders: { count: { content: '$1' } } },
  two: {
    message: '$Code$ · $CITY$ ($$)',
    placeholders: { code: { content: '$1' }, city: { content: '$2' } },
  },
  direct: { message: '$1 — $2', placeholders: { '1': { content: '$1' }, '2': { content: '$2' } } },
};

describe('getMessage (mock of i18n.getMessage)', () => {
  it('returns plain messages and undefined for missing keys', () => {
    expect(getMessage(FILE, 'plain')).toBe('Hello');
    expect(getMessage(FILE, 'nope')).toBeUndefined();
    expect(getMessage(FILE, 'toString')).toBeUndefined();
  });

  it('expands named placeholders case-insensitively, then positional substitutions', () => {
    expect(getMessage(FILE, 'named', '3')).toBe('3 scripts');
    expect(getMessage(FILE, 'named', ['12'])).toBe('12 scripts');
    expect(getMessage(FILE, 'two', ['CDG', 'Paris'])).toBe('CDG · Paris ($)');
  });

  it('supports direct $1 references and missing substitutions as empty', () => {
    expect(getMessage(FILE, 'direct', ['a', 'b'])).toBe('a — b');
    expect(getMessage(FILE, 'direct', ['a'])).toBe('a — ');
  });
});
