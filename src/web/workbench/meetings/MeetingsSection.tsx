import { Route, Routes } from 'react-router-dom';
import { ConveneForm } from './ConveneForm.tsx';
import { MeetingList } from './MeetingList.tsx';
import { MeetingPage } from './MeetingPage.tsx';
import { MinutesPrint } from './MinutesPrint.tsx';

export function MeetingsSection() {
  return (
    <Routes>
      <Route path="" element={<MeetingList />} />
      <Route path="new" element={<ConveneForm />} />
      <Route path=":id" element={<MeetingPage />} />
      <Route path=":id/minutes" element={<MinutesPrint />} />
    </Routes>
  );
}
