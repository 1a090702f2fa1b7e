import type { Messages } from './zh-CN.ts';

export const en: Messages = {
  app: {
    name: 'Shangliang',
    motto: 'When something comes up, talk it over',
    tagline: 'Community consultation and governance',
  },
  page: { loading: 'Opening…' },
  nav: {
    home: 'Home',
    resident: 'Residents',
    workbench: 'Workbench',
    wall: 'Echo wall',
    apiDocs: 'API docs',
  },
  prefs: { language: 'Language', largeText: 'Large text', switchTo: '中文' },
  home: {
    intro:
      'Residents raise problems and small wishes; grid workers, property companies, owners’ committees and community staff take them on; hard matters go to consultation meetings that decide who does what and who pays how much, followed until done; the echo wall shows every step.',
    residentTitle: 'I am a resident',
    residentText: 'Raise a problem or a wish, vote, and follow the progress.',
    workbenchTitle: 'I am staff',
    workbenchText: 'Accept, dispatch, consult and follow through.',
    wallTitle: 'Echo wall',
    wallText: 'The public problem list, its progress and the figures.',
    enter: 'Enter',
  },
  resident: {
    title: 'Resident services',
    welcome: 'Hello! When something comes up, talk it over.',
    signInHint: 'Sign in to raise a matter, follow its progress and take part in votes.',
  },
  workbench: {
    title: 'Community workbench',
    signIn: 'Staff sign-in',
    overview: 'Overview',
    welcome: 'Hello, {{name}}',
    myRoles: 'My roles',
    signOut: 'Sign out',
    today: {
      inbox: 'Inbox',
      waiting: 'Matters waiting to be accepted',
      oldest: 'The oldest was submitted {{at}}',
      problems: 'Problems',
      awaitingConfirmation: 'Awaiting residents’ confirmation',
      overdue: 'Overdue',
      overdueAll: 'Problems past their deadline',
      orders: 'My orders',
      meetings: 'Consultation meetings',
      upcoming: 'Meetings to be held',
      nextMeeting: 'Next: {{title}}, {{at}}, {{venue}}',
      votes: 'Consultations and votes',
      openVotes: 'Open now',
    },
  },
  signIn: {
    phone: 'Mobile number',
    password: 'Password',
    submit: 'Sign in',
    phoneRequired: 'Enter your mobile number',
    passwordRequired: 'Enter your password',
  },
  wall: {
    title: 'Echo wall',
    subtitle: 'Every voice gets an answer',
    empty: 'No problems have been published yet',
  },
  errors: {
    network: 'No connection; please try again later',
    unknown: 'Something went wrong; please try again',
  },
};
