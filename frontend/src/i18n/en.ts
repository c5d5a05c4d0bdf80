import type zhCN from './zh-CN'

const en: typeof zhCN = {
  app: { name: 'Innolink', tagline: 'Events and matchmaking for innovation ecosystems' },
  nav: { home: 'Home', login: 'Log in', logout: 'Log out', register: 'Sign up' },
  auth: {
    login: 'Log in',
    loginField: 'Email or mobile number',
    password: 'Password',
    name: 'Name',
    email: 'Email',
    phone: 'Mobile number',
    roles: 'I am a',
    register: 'Sign up',
    noAccount: 'No account yet?',
    haveAccount: 'Already registered?',
  },
  roles: {
    startup: 'Startup',
    mentor: 'Mentor',
    investor: 'Investor',
    bank: 'Bank',
    organizer: 'Organizer',
    admin: 'Platform admin',
  },
  home: { welcome: 'Welcome, {name}' },
  common: { save: 'Save', cancel: 'Cancel', search: 'Search', empty: 'Nothing here yet', loading: 'Loading…' },
}
export default en
