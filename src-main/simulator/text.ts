/** Text folding shared by search, sorting and email generation. */

const SPECIAL_FOLDS: Readonly<Record<string, string>> = {
  ø: 'o',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
};

/** Lowercase, strip diacritics ("José Müller" -> "jose muller"), so "jose" finds "José". */
export function fold(text: string): string {
  const lower = text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  return lower.replace(/[øßłđæœı]/g, (c) => SPECIAL_FOLDS[c] ?? c);
}

/** A folded, ASCII-only email local part: "Dela Cruz" -> "delacruz", "O'Brien" -> "obrien". */
export function emailPart(text: string): string {
  return fold(text).replace(/[^a-z0-9]/g, '');
}
