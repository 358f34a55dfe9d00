export default {
  config: { locales: ['de'], notifications: { releases: false }, tutorials: false },
  bootstrap() {},
};
