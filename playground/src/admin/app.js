export default {
  config: { locales: [], notifications: { releases: false }, tutorials: false },
  bootstrap() {},
};
