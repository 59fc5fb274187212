// Beijing carbon inclusion platform: replaces the tasklist config.js shipped in the Camunda webjar (keeping its
// keyboard shortcuts). Chinese (zh) or English, as the browser's language says (primary subtag only: zh-CN → zh).
// The fallback is zh, not en: the webapps load the fallback file too, and each file's dateLocales sets the date
// language of the whole page, so an en fallback made Chinese pages show English relative dates now and then.
// Translations: ../locales/zh.json (every key), kept complete by WebappLocaleTest.
export default {
  app: {
    name: '任务清单',
    vendor: '北京市碳普惠'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL'
  },
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '将焦点移到第一个过滤器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '将焦点移到任务列表的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '将焦点移到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开发起流程对话框'
    }
  }
};
