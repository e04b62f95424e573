// What a staff reply's problems say in English, as the tests read them.
import { problemText, type StaffProblem } from '../../src/domain/words/staffProblems.js';

export function inEnglish<T extends { problems: StaffProblem[] }>(x: T): Omit<T, 'problems'> & { problems: string[] } {
  return { ...x, problems: x.problems.map((p) => problemText(p, 'en')) };
}
