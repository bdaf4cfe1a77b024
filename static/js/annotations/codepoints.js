// Offsets are Unicode code points, as the server stores them (Python string
// indices); the DOM counts UTF-16 units, in which 𠀀 is two. These helpers
// convert between the two.

export function codePointLength(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

// The UTF-16 index of code point ``cp`` in ``text`` (clamped to its length).
export function utf16Index(text, cp) {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

// A UTF-16 offset that falls between the halves of a surrogate pair is
// moved back (start) or forward (end) so no character is cut in two.
export function snapUtf16(text, index, forward) {
  if (index <= 0 || index >= text.length) return index;
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) {
    return forward ? index + 1 : index - 1;
  }
  return index;
}

export function sliceCodePoints(text, start, end) {
  return text.slice(utf16Index(text, start), utf16Index(text, end));
}
