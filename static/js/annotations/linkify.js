// Comment bodies are plain text. This turns the http(s) addresses in them
// into links while every other character stays text: nothing is ever parsed
// as HTML, so a comment cannot inject markup or javascript: links.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'，。；！？、）)】]+/g;

export function linkify(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    // A sentence's closing punctuation is not part of the address.
    while (/[.,;:!?]$/.test(url)) url = url.slice(0, -1);
    fragment.append(text.slice(last, match.index));
    const link = document.createElement("a");
    link.href = url;
    link.rel = "nofollow noopener noreferrer ugc";
    link.target = "_blank";
    link.textContent = url;
    fragment.append(link);
    last = match.index + url.length;
  }
  fragment.append(text.slice(last));
  return fragment;
}
