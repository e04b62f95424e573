// The shape of a mail, beside its words: whether it asks, thanks, contrasts, reports a
// problem, wishes for something, meets a problem again, or is about something outside
// our products (an offer, an invitation, a wrong recipient). Learned models read these
// as features: they generalise across topics where single words do not ("how do I",
// 「请问」 and a trailing "?" all make a question).

const QUESTION = /[?？]|^\s*(?:how|where|what|when|which|does|do|can|could|is there|is it|would)\b|请问|吗|如何|怎么|怎样|能否|是否/m;
const COURTESY = /\b(?:thanks|thank you|regards|cheers|dear|hi|hello|appreciate)\b|谢谢|感谢|您好|你好|麻烦了|辛苦了|敬上|祝好/;
// After courtesy, "but" starts the message: the thanks is a frame.
const CONTRAST = /\b(?:but|however|yet|unfortunately|although|though)\b|但是|但|不过|可是|然而|只是|可惜/;
// A problem met again: a complaint, however calmly written.
const REPEAT = /\bagain\b|\bstill\b|(?:second|third|fourth|fifth|2nd|3rd|4th|\d+th) time|\bonce more\b|又|再次|还是|仍然|依然|第[二三四五六七八九十\d]+次|好几次|多次|一直/;
const PROBLEM = /\b(?:broken|crash|error|fail|not work|doesn't work|stopped|won't|can't|cannot)\w*|坏|错误|失败|闪退|无法|不能|打不开/;
const WISH = /\b(?:please add|would be (?:nice|great)|could you add|feature request|suggest|it would help|wish)\b|希望|建议|能不能加|可以加|增加/;
const OUTSIDE = /\b(?:partnership|collaborat|sponsor|invitation|invite|unsubscribe|resume|job|quote|wholesale|press|interview|newsletter|out of office|wrong (?:person|company|address|department))/;

export function mailShape(normalized: string): string[] {
  const out: string[] = [];
  if (QUESTION.test(normalized)) out.push('shape:question');
  const courtesy = COURTESY.test(normalized);
  if (courtesy) out.push('shape:courtesy');
  if (CONTRAST.test(normalized)) out.push(courtesy ? 'shape:courtesy+contrast' : 'shape:contrast');
  if (REPEAT.test(normalized)) out.push('shape:repeat');
  if (PROBLEM.test(normalized)) out.push('shape:problem');
  if (WISH.test(normalized)) out.push('shape:wish');
  if (OUTSIDE.test(normalized)) out.push('shape:outside');
  const bangs = (normalized.match(/!/g) ?? []).length;
  if (bangs) out.push(bangs >= 3 ? 'shape:bangs' : 'shape:bang');
  return out;
}
