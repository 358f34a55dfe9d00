/*
 * One line per trigger for the rules list: "RMA: update", "Every day 08:00 (0 8 * * *, UTC): RMA",
 * "RMA: receivedAt + tatHours h", "Event rma.customer-replied". Simple crons read as words, others as
 * they are. Pure apart from the translate function it is given.
 */
import type { RuleTrigger } from '../../api/rule-types';
import type { Translate } from '../../utils/use-t';

const NUMBER = /^\d{1,2}$/;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Every day 08:00", "Mon-Fri 08:00", "Every hour at :15"; null when the cron is not that simple. */
export function describeCron(cron: string, t: Translate): string | null {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [minute, hour, day, month, weekday] = parts as [string, string, string, string, string];
  if (!NUMBER.test(minute) || day !== '*' || month !== '*') return null;
  const mm = minute.padStart(2, '0');
  if (hour === '*' && weekday === '*') return t('email-notifications.rules.cron.hourly', { minute: mm });
  if (!NUMBER.test(hour)) return null;
  const time = `${hour.padStart(2, '0')}:${mm}`;
  if (weekday === '*') return t('email-notifications.rules.cron.daily', { time });
  const range = /^([0-6])-([0-6])$/.exec(weekday);
  if (range) return t('email-notifications.rules.cron.weekdays', { days: `${WEEKDAYS[Number(range[1])]}-${WEEKDAYS[Number(range[2])]}`, time });
  if (/^[0-7](,[0-7])*$/.test(weekday)) {
    return t('email-notifications.rules.cron.weekdays', {
      days: weekday
        .split(',')
        .map((d) => WEEKDAYS[Number(d) % 7])
        .join(', '),
      time,
    });
  }
  return null;
}

export function describeTrigger(trigger: RuleTrigger, typeName: (uid: string) => string, t: Translate): string {
  switch (trigger.type) {
    case 'record':
      return `${typeName(trigger.contentType)}: ${trigger.events.join(', ')}`;
    case 'schedule': {
      const when = describeCron(trigger.cron, t) ?? t('email-notifications.rules.cron.raw');
      return `${when} (${trigger.cron}, ${trigger.timezone}): ${typeName(trigger.contentType)}`;
    }
    case 'time': {
      const hours = typeof trigger.olderThanHours === 'number' ? trigger.olderThanHours : trigger.olderThanHours.field;
      return `${typeName(trigger.contentType)}: ${trigger.field} + ${hours} h (${t(`email-notifications.ruleForm.trigger.repeat.${trigger.repeat}`)})`;
    }
    default:
      return t('email-notifications.rules.trigger.event', { name: trigger.name });
  }
}
