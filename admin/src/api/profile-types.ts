/*
 * Shapes of the profile routes (GET/PUT /email-notifications/profile): the signed-in admin's notification
 * profile and its body. They mirror server/src/services/profiles.ts; the server is the authority.
 */

/** The signed-in admin's notification profile. `"*"` in categories means every category. */
export interface NotificationProfile {
  email: string;
  categories: string[];
  alternativeEmail: string | null;
  paused: boolean;
  availableCategories: string[];
}

export interface NotificationProfileBody {
  categories: string[];
  alternativeEmail?: string | null;
  paused?: boolean;
}
