/*
 * The one way every editor shows a refused save (400 and 409 alike): each problem under the field the
 * server named, all of them in the ProblemSummary (so one without a field, or on a field the form does not
 * show, is still seen), and the server's message in a notification. Owns no form values.
 */
import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { firstMessages, toApiProblem, type FieldProblem } from '../../api/api-error';
import { isUnder } from './field-errors';

export function useFormProblems() {
  const { toggleNotification } = useNotification();
  const [problems, setProblems] = React.useState<readonly FieldProblem[]>([]);
  const errors = React.useMemo(() => firstMessages(problems), [problems]);

  /** Shows a refusal: `problems` under their fields and in the summary, `message` in a notification. */
  const refuse = React.useCallback(
    (message: string, refused: readonly FieldProblem[]) => {
      setProblems(refused);
      toggleNotification({ type: 'danger', message });
    },
    [toggleNotification],
  );

  /** A failed save, whatever its status: shows what the server said, as `refuse` does. */
  const refused = React.useCallback(
    (error: unknown) => {
      const problem = toApiProblem(error);
      refuse(problem.message, problem.problems);
    },
    [refuse],
  );

  /** Drops the problems at or under `paths` once their values changed. */
  const clear = React.useCallback((...paths: string[]) => {
    setProblems((current) => {
      const kept = current.filter((problem) => !paths.some((path) => problem.path && isUnder(problem.path, path)));
      return kept.length === current.length ? current : kept;
    });
  }, []);

  /** Replaces the problems shown: none after a successful save; a refused probe's (it notified already). */
  const show = React.useCallback((shown: readonly FieldProblem[]) => setProblems(shown), []);

  return { list: problems, errors, refuse, refused, clear, show };
}
