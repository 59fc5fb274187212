// Beijing carbon inclusion platform: replaces the welcome config.js shipped in the Camunda webjar.
// Chinese (zh) first, English as the fallback; the browser's language picks one (primary subtag only: zh-CN → zh).
// Translations: ../locales/zh.json, kept complete by WebappLocaleTest.
export default {
  app: {
    name: '欢迎',
    vendor: '北京市碳普惠'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  },
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL'
  }
};
