export const zhCN = {
  app: { name: '商量', motto: '有事好商量', tagline: '基层协商议事 · 社区治理' },
  page: { loading: '正在打开…' },
  nav: { home: '首页', resident: '居民服务', workbench: '工作台', wall: '回音壁', apiDocs: '接口文档' },
  prefs: { language: '语言', largeText: '大字模式', switchTo: 'English' },
  home: {
    intro:
      '居民反映难题和微心愿，网格员、物业、业委会和社区接单办理；难事召开协商议事会，决定谁来办、费用怎么分，并跟踪到办结；回音壁公开每一步进展。',
    residentTitle: '我是居民',
    residentText: '反映问题、提出微心愿、参与表决、查看办理进展。',
    workbenchTitle: '我是工作人员',
    workbenchText: '受理、派单、协商议事、跟踪督办。',
    wallTitle: '回音壁',
    wallText: '公开的问题清单、办理进展和统计数字。',
    enter: '进入',
  },
  resident: {
    title: '居民服务',
    welcome: '您好！有事好商量。',
    signInHint: '登录后可以反映问题、查看办理进展、参与表决。',
  },
  workbench: {
    title: '社区工作台',
    signIn: '工作人员登录',
    overview: '概览',
    welcome: '{{name}}，您好',
    myRoles: '我的角色',
    signOut: '退出登录',
  },
  signIn: {
    phone: '手机号',
    password: '密码',
    submit: '登录',
    phoneRequired: '请输入手机号',
    passwordRequired: '请输入密码',
  },
  wall: {
    title: '回音壁',
    subtitle: '群众的声音，件件有回音',
    empty: '还没有公开的问题',
  },
  errors: { network: '网络不通，请稍后再试', unknown: '出错了，请稍后再试' },
};

export type Messages = typeof zhCN;
