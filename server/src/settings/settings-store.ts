/*
 * Admin-editable settings (delivery delay, attempts, backoff, retention, templates, privacy, flood
 * protection), stored in Strapi's plugin store and laid over the file options. Each instance reloads
 * them periodically, so a change reaches every instance within a heartbeat. The only writer of them.
 */
import type { Core } from '@strapi/strapi';
import { EDITABLE_SETTINGS, SETTINGS_SECTIONS, settingsOverridesSchema, type SettingsOverrides, type SettingsSection } from '../config/settings-schema';
import { InputError } from '../core/errors';
import { parseInput } from '../core/parse-input';
import { sensitiveFieldProblems } from '../records/sensitive-fields-check';
import { applySettingsOverrides, getFileConfig, getPluginConfig, PLUGIN_ID } from '../config/plugin-config';

const STORE_KEY = 'settings';

export function createSettingsStore(strapi: Core.Strapi) {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: STORE_KEY });

  async function readOverrides(): Promise<SettingsOverrides> {
    const stored = await store().get({});
    const parsed = settingsOverridesSchema.safeParse(stored ?? {});
    if (parsed.success) return parsed.data;
    // Stored values from an older version that no longer validate are ignored, not fatal.
    strapi.log.warn('[email-notifications] ignoring saved settings that are no longer valid; save them again in the admin');
    return {};
  }

  function view(overrides: SettingsOverrides) {
    const effective = getPluginConfig(strapi);
    const file = getFileConfig(strapi);
    const pick = (section: SettingsSection, from: Record<string, unknown>) => Object.fromEntries(EDITABLE_SETTINGS[section].map((key) => [key, from[key]]));
    const all = (config: typeof effective) => Object.fromEntries(SETTINGS_SECTIONS.map((section) => [section, pick(section, config[section] as Record<string, unknown>)]));
    return { values: all(effective), fileValues: all(file), overridden: overrides };
  }

  return {
    async refresh() {
      applySettingsOverrides(strapi, await readOverrides());
    },
    async get() {
      const overrides = await readOverrides();
      applySettingsOverrides(strapi, overrides);
      return view(overrides);
    },
    /** Merges the given values into the saved settings; `null` for a key goes back to the file option. */
    async update(body: unknown) {
      const input = parseInput(settingsOverridesSchema, stripNulls(body));
      const privacy = input.privacy?.sensitiveFields ? sensitiveFieldProblems(strapi, input.privacy.sensitiveFields as Record<string, string[]>) : [];
      if (privacy.length) throw new InputError(privacy);
      const current = await readOverrides();
      // Sections with nothing overridden are left out, so `overridden` lists only what the admin changed.
      const next = Object.fromEntries(
        SETTINGS_SECTIONS.map((section) => [section, dropReset({ ...current[section], ...input[section] }, body, section)]).filter(([, values]) => Object.keys(values as object).length > 0),
      ) as SettingsOverrides;
      const merged = parseInput(settingsOverridesSchema, next);
      await store().set({ value: merged });
      applySettingsOverrides(strapi, merged);
      return view(merged);
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

/** `null` means "reset to the file option": validate the rest, then drop those keys. */
function stripNulls(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([section, values]) => [
      section,
      values && typeof values === 'object' ? Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) : values,
    ]),
  );
}

function dropReset(values: Record<string, unknown>, body: unknown, section: string) {
  const sent = ((body as Record<string, Record<string, unknown>> | null)?.[section] ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(values).filter(([key]) => sent[key] !== null));
}
