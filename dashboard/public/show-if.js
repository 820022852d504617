// Show-if conditions as XLSForm `relevant` expressions (the XPath subset a condition can say):
// `${q} = 'x'`, `${q} != 'x'`, `${q} = 3`, `${q} = ''` (unanswered), `${q} != ''` (answered),
// `selected(${q}, 'x')`, `not(…)`, `and`, `or` and parentheses. The editor and the XLSForm
// reader and writer share it. No DOM: it runs in node too.

// An expression error: `code` names it (xlsform.error.<code>), `params` fill its text.
export class ExpressionError extends Error {
  constructor(code, params = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.code = code;
    this.params = params;
  }
}

function tokenize(text) {
  const tokens = [];
  const re = /\s*(?:(\$\{([a-z0-9_]+)\})|('([^']*)'|"([^"]*)")|(-?\d+(?:\.\d+)?)(?![\w.])|(!=|=|\(|\)|,)|(true\(\)|false\(\))|([A-Za-z_][\w-]*))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw new ExpressionError('relevant_syntax', { at: text.slice(at).trim().slice(0, 20) });
    at = re.lastIndex;
    if (m[1]) tokens.push({ kind: 'ref', value: m[2] });
    else if (m[3]) tokens.push({ kind: 'string', value: m[4] ?? m[5] });
    else if (m[6]) tokens.push({ kind: 'number', value: Number(m[6]) });
    else if (m[7]) tokens.push({ kind: m[7] });
    else if (m[8]) tokens.push({ kind: 'bool', value: m[8] === 'true()' });
    else tokens.push({ kind: 'word', value: m[9] });
  }
  return tokens;
}

// The literal as the answer value of the question it is compared with.
function valueFor(question, literal) {
  const { kind, value } = literal;
  if (question.type === 'yes_no') {
    if (kind === 'bool') return value;
    if (value === 'yes' || value === 'no') return value === 'yes';
    throw new ExpressionError('relevant_yes_no', { question: question.id, value: String(value) });
  }
  if (kind === 'bool') throw new ExpressionError('relevant_value', { question: question.id, value: String(value) });
  if ((question.type === 'scale' || question.type === 'number') && kind === 'string' && /^-?\d+(\.\d+)?$/.test(value))
    return Number(value);
  return value;
}

class Parser {
  constructor(text, questions) {
    this.tokens = tokenize(text);
    this.at = 0;
    this.questions = questions;
  }

  peek(kind, value) {
    const t = this.tokens[this.at];
    return t && t.kind === kind && (value === undefined || t.value === value);
  }

  expect(kind) {
    const t = this.tokens[this.at];
    if (!t || t.kind !== kind) throw new ExpressionError('relevant_syntax', { at: t ? String(t.value ?? t.kind) : '…' });
    this.at += 1;
    return t;
  }

  question(id) {
    const q = this.questions.get(id);
    if (!q) throw new ExpressionError('relevant_unknown_question', { question: id });
    return q;
  }

  // Operands of one operator: a parenthesised operand stays one node (it is not flattened).
  list(op, next) {
    const items = [next()];
    while (this.peek('word', op)) {
      this.at += 1;
      items.push(next());
    }
    return items;
  }

  or() {
    const items = this.list('or', () => this.and());
    if (items.length === 1) return items[0];
    const bare = items.every((i) => !i.grouped && i.condition.equals !== undefined);
    const same = bare && items.every((i) => i.condition.question === items[0].condition.question);
    if (same) return { condition: { question: items[0].condition.question, in: items.map((i) => i.condition.equals) } };
    return { condition: { any: items.map((i) => i.condition) } };
  }

  and() {
    const items = this.list('and', () => this.unary());
    if (items.length === 1) return items[0];
    return { condition: { all: items.map((i) => i.condition) } };
  }

  unary() {
    if (this.peek('word', 'not')) {
      this.at += 1;
      this.expect('(');
      const inner = this.or();
      this.expect(')');
      return { condition: { not: inner.condition } };
    }
    if (this.peek('word', 'selected')) {
      this.at += 1;
      this.expect('(');
      const q = this.question(this.expect('ref').value);
      this.expect(',');
      const choice = this.expect('string').value;
      this.expect(')');
      if (q.type === 'multi') return { condition: { question: q.id, includes: choice } };
      if (q.type === 'single') return { condition: { question: q.id, equals: choice } };
      throw new ExpressionError('relevant_selected', { question: q.id });
    }
    if (this.peek('(')) {
      this.at += 1;
      const inner = this.or();
      this.expect(')');
      return { condition: inner.condition, grouped: true };
    }
    const q = this.question(this.expect('ref').value);
    const op = this.tokens[this.at];
    if (!op || (op.kind !== '=' && op.kind !== '!=')) throw new ExpressionError('relevant_syntax', { at: op ? String(op.value ?? op.kind) : '…' });
    this.at += 1;
    const literal = this.tokens[this.at];
    if (!literal || !['string', 'number', 'bool'].includes(literal.kind))
      throw new ExpressionError('relevant_syntax', { at: literal ? String(literal.value ?? literal.kind) : '…' });
    this.at += 1;
    if (literal.kind === 'string' && literal.value === '')
      return { condition: { question: q.id, answered: op.kind === '!=' } };
    const equals = { question: q.id, equals: valueFor(q, literal) };
    return { condition: op.kind === '=' ? equals : { not: equals } };
  }
}

/// The condition a `relevant` expression says; `questions` maps the ids it may name to their
/// questions. Throws ExpressionError for what a condition cannot express.
export function parseRelevant(text, questions) {
  const parser = new Parser(text, questions);
  if (!parser.tokens.length) return undefined;
  const result = parser.or();
  if (parser.at !== parser.tokens.length) {
    const t = parser.tokens[parser.at];
    throw new ExpressionError('relevant_syntax', { at: String(t.value ?? t.kind) });
  }
  return result.condition;
}

function literal(value) {
  if (typeof value === 'boolean') return value ? "'yes'" : "'no'";
  if (typeof value === 'number') return String(value);
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}

/// The `relevant` expression of `condition` (parseRelevant gives the same condition back).
export function formatRelevant(condition, nested = false) {
  if (!condition) return '';
  const wrap = (text) => (nested ? `(${text})` : text);
  if (condition.all) return wrap(condition.all.map((c) => formatRelevant(c, true)).join(' and '));
  if (condition.any) {
    // Each operand in parentheses, so that a list of equalities stays `any` rather than `in`.
    return wrap(condition.any.map((c) => (c.equals !== undefined ? `(${formatRelevant(c)})` : formatRelevant(c, true))).join(' or '));
  }
  if (condition.not) return `not(${formatRelevant(condition.not)})`;
  const ref = `\${${condition.question}}`;
  if (condition.includes !== undefined) return `selected(${ref}, ${literal(condition.includes)})`;
  if (condition.answered !== undefined) return condition.answered ? `${ref} != ''` : `${ref} = ''`;
  if (condition.in) {
    if (condition.in.length === 1) return `(${ref} = ${literal(condition.in[0])})`;
    return wrap(condition.in.map((v) => `${ref} = ${literal(v)}`).join(' or '));
  }
  return `${ref} = ${literal(condition.equals)}`;
}

/// Whether `condition` holds for `answers` (question id → answer in its wire form; a hidden
/// question's answer is left out by the caller).
export function conditionHolds(condition, answers) {
  if (condition.all) return condition.all.every((c) => conditionHolds(c, answers));
  if (condition.any) return condition.any.some((c) => conditionHolds(c, answers));
  if (condition.not) return !conditionHolds(condition.not, answers);
  const answer = answers[condition.question];
  if (condition.answered !== undefined) return (answer !== undefined) === condition.answered;
  if (answer === undefined) return false;
  if (condition.includes !== undefined) return Array.isArray(answer) && answer.includes(condition.includes);
  if (condition.in) return condition.in.some((v) => v === answer);
  return condition.equals === answer;
}

/// The ids of the questions of `survey` that show for `answers`, in order.
export function visibleQuestions(survey, answers) {
  const shown = new Set();
  const given = {};
  for (const section of survey.sections) {
    for (const q of section.questions) {
      if (q.show_if && !conditionHolds(q.show_if, given)) continue;
      shown.add(q.id);
      if (answers[q.id] !== undefined) given[q.id] = answers[q.id];
    }
  }
  return shown;
}
