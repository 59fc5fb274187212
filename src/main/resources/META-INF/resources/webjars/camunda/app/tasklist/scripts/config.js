// Beijing carbon inclusion platform: replaces the tasklist config.js shipped in the Camunda webjar (keeping its
// keyboard shortcuts). Chinese (zh) first, English as the fallback; the browser's language picks one (primary subtag
// only: zh-CN → zh). Translations: ../locales/zh.json, kept complete by WebappLocaleTest.
export default {
  app: {
    name: '任务清单',
    vendor: '北京市碳普惠'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
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
