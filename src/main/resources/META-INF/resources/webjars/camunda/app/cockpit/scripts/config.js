// Beijing carbon inclusion platform: replaces the cockpit config.js shipped in the Camunda webjar.
// Chinese (zh) or English, as the browser's language says (primary subtag only: zh-CN → zh). The fallback is zh,
// not en: the webapps load the fallback file too, and each file's dateLocales sets the date language of the whole
// page, so an en fallback made Chinese pages show English relative dates now and then. zh.json has every key.
// Translations: ../locales/zh.json, kept complete by WebappLocaleTest.
export default {
  app: {
    name: '运行监控',
    vendor: '北京市碳普惠'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL'
  }
};
