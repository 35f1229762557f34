import type { HostMessages } from './host.zh-CN';

/** Host mode's screens. Same keys as `host.zh-CN.ts`. */
export const hostEn: HostMessages = {
  share: {
    tab: 'Share with colleagues',
    intro:
      'Lets colleagues’ Kecard apps connect to this workspace over the LAN or a VPN, each signed in as their own user, with their own role. Nothing listens until you start sharing; closing or switching the workspace stops it.',
    address: 'Address',
    addressHint: '127.0.0.1 lets only this computer connect; for colleagues’ computers choose a LAN or VPN address.',
    loopback: 'this computer',
    port: 'Port',
    portHint: '0 picks any free port.',
    start: 'Start sharing',
    stop: 'Stop sharing',
    running: 'Sharing',
    tellColleague: 'Tell your colleague this address and pairing code:',
    connectAt: 'Address',
    code: 'Pairing code',
    codeHint: 'Your colleague types this code when connecting, to be sure it is this computer.',
    fingerprint: 'Certificate fingerprint',
    clients: 'Connected colleagues',
    noClients: 'No colleague is connected yet.',
    clientWho: 'User',
    clientAddress: 'Computer',
    clientSince: 'Connected at',
    clientLast: 'Last action',
    needsPassword:
      'Set a password for yourself first (status bar → Set password) and add your colleagues as users: a workspace without passwords cannot be shared.',
    started: 'Sharing started.',
    stopped: 'Sharing stopped; colleagues were disconnected.',
  },
  connect: {
    menu: 'Connect to a colleague’s workspace…',
    title: 'Connect to a colleague’s workspace',
    intro:
      'Enter the address, port and pairing code your colleague sees under Settings → Share with colleagues, then sign in as your user of that workspace.',
    address: 'Address',
    port: 'Port',
    code: 'Pairing code',
    codePlaceholder: 'XXXX-XXXX-XXXX-XXXX',
    login: 'Login',
    password: 'Password',
    submit: 'Connect',
    connecting: 'Connecting…',
    cancel: 'Cancel',
    connected: 'Connected to {{name}} ({{address}}).',
    fromLock: 'The workspace is shared by {{who}}; the address and pairing code were read from its lock file. Check them and sign in.',
  },
  remote: {
    status: 'Connected to a colleague’s workspace: {{address}}',
    disconnect: 'Disconnect',
    menuDisconnect: 'Disconnect from the colleague’s workspace',
    reconnecting: 'The connection to the host was lost; reconnecting…',
    reconnectingHint: 'What you are typing is kept; save it once connected.',
    back: 'Connected to the host again.',
    ended: {
      signInFailed: 'The connection ended: your password no longer signs in (it may have been changed, or your user disabled).',
      otherWorkspace: 'The connection ended: that address now shares another workspace.',
      otherCertificate:
        'The connection ended: that address presented another certificate (another workspace, or someone posing as the host); nothing was sent.',
    },
  },
  lock: {
    title: 'Workspace in use',
    text: 'This workspace is in use by {{who}} (since {{sinceText}}). One file cannot be written by two Kecard apps at once.',
    sharing: 'They are sharing it ({{address}}): you can connect and work on it together.',
    notSharing:
      'They are not sharing it. You can open it read-only (see, not change), or ask them to start sharing under Settings → Share with colleagues.',
    connect: 'Connect to them…',
    readOnly: 'Open read-only',
    cancel: 'Cancel',
    readOnlyBanner:
      'This workspace is open read-only: another Kecard is using it, and changes made here are not saved. Once they close it, it opens as usual.',
  },
};
