<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>InputLimits</name>
    <message>
        <source>Image Size &amp;Limit…</source>
        <translation>이미지 크기 제한(&amp;L)…</translation>
    </message>
    <message>
        <source>Image Size Limit</source>
        <translation>이미지 크기 제한</translation>
    </message>
    <message>
        <source>Images whose header declares more than this many megapixels are skipped with a message naming them, before anything is decoded (default %1):</source>
        <translation>헤더가 이 메가픽셀 수보다 많다고 선언하는 이미지는 디코딩 전에 파일 이름을 밝힌 메시지와 함께 건너뜁니다(기본값 %1):</translation>
    </message>
    <message>
        <source>Images over %1 megapixels are now skipped</source>
        <translation>이제 %1 메가픽셀을 넘는 이미지는 건너뜁니다</translation>
    </message>
    <message>
        <source>Images declaring more pixels are skipped before decoding</source>
        <translation>더 많은 픽셀을 선언한 이미지는 디코딩 전에 건너뜁니다</translation>
    </message>
    <message>
        <source>Allow Dataset Paths &amp;Outside Their Folder</source>
        <translation>데이터셋 폴더 밖의 경로 허용(&amp;O)</translation>
    </message>
    <message>
        <source>Use files that a dataset&apos;s manifest.json or pair list names outside the dataset&apos;s folder (off: they are listed as problems)</source>
        <translation>데이터셋의 manifest.json이나 쌍 목록이 데이터셋 폴더 밖에서 가리키는 파일을 사용합니다 (끄면 문제로 표시됩니다)</translation>
    </message>
    <message>
        <source>Datasets may now name files outside their folder</source>
        <translation>이제 데이터셋이 폴더 밖의 파일을 가리킬 수 있습니다</translation>
    </message>
    <message>
        <source>Files a dataset names outside its folder are now refused</source>
        <translation>이제 데이터셋이 폴더 밖에서 가리키는 파일은 거부됩니다</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Research workbench for single-image rain removal.</source>
        <translation>단일 이미지 비 제거 연구 워크벤치.</translation>
    </message>
    <message>
        <source>Open the demo workspace (built on first use).</source>
        <translation>데모 작업 공간을 엽니다(처음 사용할 때 생성).</translation>
    </message>
    <message>
        <source>Checkpoint for --decompose.</source>
        <translation>--decompose에 사용할 체크포인트.</translation>
    </message>
    <message>
        <source>Show the rain-feature map of the checkpoint given by --checkpoint.</source>
        <translation>--checkpoint로 지정한 체크포인트의 비 특징 맵을 표시합니다.</translation>
    </message>
    <message>
        <source>Save a picture of the window to this PNG after --screenshot-after milliseconds, then quit (for documentation).</source>
        <translation>--screenshot-after 밀리초 후 창 이미지를 이 PNG 파일로 저장하고 종료합니다(문서 작성용).</translation>
    </message>
    <message>
        <source>Delay before --screenshot (default 5000 ms).</source>
        <translation>--screenshot 전 대기 시간(기본값 5000 ms).</translation>
    </message>
    <message>
        <source>light or dark (default: the last one chosen).</source>
        <translation>light 또는 dark(기본값: 마지막으로 선택한 테마).</translation>
    </message>
    <message>
        <source>no translation &quot;%1&quot; (available: %2)</source>
        <translation>“%1” 번역이 없습니다(사용 가능: %2)</translation>
    </message>
    <message>
        <source>Language of the interface: en, zh_CN, ko or system (default: the last one chosen, else the system&apos;s).</source>
        <translation>인터페이스 언어: en, zh_CN, ko 또는 system(기본값: 마지막으로 선택한 언어, 없으면 시스템 언어).</translation>
    </message>
    <message>
        <source>Derain the first scene of this time-lapse dataset (its name in the workspace) in the Time-lapse tab, with --checkpoint (else the temporal median).</source>
        <translation>타임랩스 탭에서 --checkpoint(없으면 시간 중앙값)로 이 타임랩스 데이터셋(작업 공간에서의 이름)의 첫 번째 장면의 비를 제거합니다.</translation>
    </message>
    <message>
        <source>Reopen this saved comparison of the workspace (comparisons/NAME) in the Compare tab.</source>
        <translation>이 작업 공간에 저장된 비교(comparisons/NAME)를 비교 탭에서 다시 엽니다.</translation>
    </message>
    <message>
        <source>Refuse images whose header declares more than n pixels, for this session (default: File → Image Size Limit, else %1).</source>
        <translation>이번 세션에서 헤더가 n 픽셀보다 많다고 선언하는 이미지를 거부합니다(기본값: 파일 → 이미지 크기 제한, 없으면 %1).</translation>
    </message>
    <message>
        <source>Use files that a dataset&apos;s manifest.json or pair list names outside the dataset&apos;s folder, for this session (default: File → Allow Dataset Paths Outside Their Folder).</source>
        <translation>이번 세션 동안 데이터셋의 manifest.json이나 쌍 목록이 데이터셋 폴더 밖에서 가리키는 파일을 사용합니다 (기본값: 파일 → 데이터셋 폴더 밖의 경로 허용).</translation>
    </message>
    <message>
        <source>Decompose this image with the checkpoint given by --checkpoint (else the last one used, else the Derain tab&apos;s model) and show its layers.</source>
        <translation>--checkpoint로 지정한 체크포인트(없으면 마지막으로 사용한 체크포인트, 그것도 없으면 비 제거 탭의 모델)로 이 이미지를 분해하고 레이어를 표시합니다.</translation>
    </message>
    <message>
        <source>Workspace folder to open, or an image to decompose into its layers with the last model used (what the desktop&apos;s Open With does).</source>
        <translation>열 작업 공간 폴더, 또는 마지막으로 사용한 모델로 레이어를 분해할 이미지(데스크톱의 &quot;연결 프로그램&quot;이 이렇게 엽니다).</translation>
    </message>
</context>
<context>
    <name>pluvia::app::AboutDialog</name>
    <message>
        <source>About Pluvia</source>
        <translation>Pluvia 정보</translation>
    </message>
    <message>
        <source>&lt;p&gt;Pluvia implements these methods:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;jrgr&lt;/b&gt; — Y. Ye, Y. Chang, H. Zhou, L. Yan: &lt;i&gt;Closing the Loop: Joint Rain Generation and Removal via Disentangled Image Translation&lt;/i&gt;. CVPR 2021.&lt;/li&gt;&lt;li&gt;&lt;b&gt;deraincyclegan&lt;/b&gt; — Y. Wei, Z. Zhang, J. Fan, Y. Wang, S. Yan, M. Wang: &lt;i&gt;DerainCycleGAN: An Attention-guided Unsupervised Benchmark for Single Image Deraining and Rainmaking&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;udrdr&lt;/b&gt; — Y. Liu, Z. Yue, J. Pan, Z. Su: &lt;i&gt;Unpaired Learning for Deep Image Deraining with Rain Direction Regularizer&lt;/i&gt;. ICCV 2021.&lt;/li&gt;&lt;li&gt;&lt;b&gt;timelapse&lt;/b&gt; — J. Cho, S. Kim, D. Min, K. Sohn: &lt;i&gt;Single Image Deraining Using Time-Lapse Data&lt;/i&gt;. IEEE Transactions on Image Processing, 2020.&lt;/li&gt;&lt;li&gt;&lt;b&gt;supervised&lt;/b&gt; — the U-Net baseline trained on synthetic pairs only.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;Pluvia는 다음 방법을 구현합니다:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;jrgr&lt;/b&gt; — Y. Ye, Y. Chang, H. Zhou, L. Yan: &lt;i&gt;Closing the Loop: Joint Rain Generation and Removal via Disentangled Image Translation&lt;/i&gt;. CVPR 2021.&lt;/li&gt;&lt;li&gt;&lt;b&gt;deraincyclegan&lt;/b&gt; — Y. Wei, Z. Zhang, J. Fan, Y. Wang, S. Yan, M. Wang: &lt;i&gt;DerainCycleGAN: An Attention-guided Unsupervised Benchmark for Single Image Deraining and Rainmaking&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;udrdr&lt;/b&gt; — Y. Liu, Z. Yue, J. Pan, Z. Su: &lt;i&gt;Unpaired Learning for Deep Image Deraining with Rain Direction Regularizer&lt;/i&gt;. ICCV 2021.&lt;/li&gt;&lt;li&gt;&lt;b&gt;timelapse&lt;/b&gt; — J. Cho, S. Kim, D. Min, K. Sohn: &lt;i&gt;Single Image Deraining Using Time-Lapse Data&lt;/i&gt;. IEEE Transactions on Image Processing, 2020.&lt;/li&gt;&lt;li&gt;&lt;b&gt;supervised&lt;/b&gt; — 합성 쌍 데이터로만 학습한 U-Net 베이스라인.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Pluvia %1&lt;/h2&gt;&lt;p&gt;A research workbench for single-image rain removal: train and monitor deraining models, inspect the layers a rainy image decomposes into (O = B + R), derain photos, compare synthetic and real rain, and export generated rainy datasets.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Pluvia %1&lt;/h2&gt;&lt;p&gt;단일 이미지 비 제거 연구 워크벤치: 비 제거 모델을 학습하고 모니터링하며, 비 내리는 이미지가 분해되는 레이어(O = B + R)를 살펴보고, 사진에서 비를 제거하고, 합성 비와 실제 비를 비교하고, 생성된 비 내리는 이미지 데이터셋을 내보낼 수 있습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Runtime: %1, Qt %2.&lt;/p&gt;&lt;p&gt;Pluvia is free software under the GNU General Public License, version 3 or later. Demo photographs: the MATE desktop backgrounds (GPL-2+).&lt;/p&gt;</source>
        <translation>&lt;p&gt;런타임: %1, Qt %2.&lt;/p&gt;&lt;p&gt;Pluvia는 GNU 일반 공중 사용 허가서 버전 3 이상에 따라 배포되는 자유 소프트웨어입니다. 데모 사진: MATE 데스크톱 배경(GPL-2+).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>pluvia::app::AddDatasetDialog</name>
    <message>
        <source>Add a Dataset</source>
        <translation>데이터셋 추가</translation>
    </message>
    <message numerus="yes">
        <source>%1
Detected: %2, %n item(s).</source>
        <translation>
            <numerusform>%1
감지됨: %2, 항목 %n개.</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>이미지</translation>
    </message>
</context>
<context>
    <name>pluvia::app::ImportVideoDialog</name>
    <message>
        <source>Import a Video as a Time-Lapse Scene</source>
        <translation>동영상을 타임랩스 장면으로 가져오기</translation>
    </message>
    <message>
        <source>Keep frames 0, k, 2k, …: rain changes between frames, the scene should not</source>
        <translation>프레임 0, k, 2k, …만 남깁니다: 프레임 사이에 비는 달라지고 장면은 달라지지 않아야 합니다</translation>
    </message>
    <message>
        <source>all</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>A time-lapse dataset folder; the video becomes one scene in it</source>
        <translation>타임랩스 데이터셋 폴더; 동영상은 그 안의 장면 하나가 됩니다</translation>
    </message>
    <message>
        <source>Video:</source>
        <translation>동영상:</translation>
    </message>
    <message>
        <source>Dataset folder:</source>
        <translation>데이터셋 폴더:</translation>
    </message>
    <message>
        <source>Scene name:</source>
        <translation>장면 이름:</translation>
    </message>
    <message>
        <source>Keep every k-th frame:</source>
        <translation>k 프레임마다 하나씩 유지:</translation>
    </message>
    <message>
        <source>At most (frames kept):</source>
        <translation>최대 유지 프레임 수:</translation>
    </message>
    <message>
        <source>The camera&apos;s frame-to-frame shift is measured; the time-lapse method needs a camera that does not move.</source>
        <translation>프레임 간 카메라 이동량을 측정합니다. 타임랩스 방법에는 움직이지 않는 카메라가 필요합니다.</translation>
    </message>
</context>
<context>
    <name>pluvia::app::MainWindow</name>
    <message>
        <source>Pluvia</source>
        <translation>Pluvia</translation>
    </message>
    <message>
        <source>Datasets</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>로그</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>데이터셋 정보</translation>
    </message>
    <message>
        <source>Rain-feature map</source>
        <translation>비 특징 맵</translation>
    </message>
    <message>
        <source>Loss plots</source>
        <translation>손실 그래프</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>실행 목록</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>둘러보기</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Derain</source>
        <translation>비 제거</translation>
    </message>
    <message>
        <source>Map point: %1, crop %2</source>
        <translation>맵 포인트: %1, 크롭 %2</translation>
    </message>
    <message>
        <source>Device: CPU · threads: %1</source>
        <translation>장치: CPU · 스레드: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>작업 공간 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 항목 열기(&amp;R)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(아직 없음)</translation>
    </message>
    <message>
        <source>Open &amp;Demo Workspace</source>
        <translation>데모 작업 공간 열기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Decompose Image…</source>
        <translation>이미지 분해(&amp;D)…</translation>
    </message>
    <message>
        <source>Derain one image with a checkpoint and inspect O, B and R</source>
        <translation>체크포인트로 이미지 한 장의 비를 제거하고 O, B, R을 살펴봅니다</translation>
    </message>
    <message>
        <source>&amp;Export Generated Dataset…</source>
        <translation>생성된 데이터셋 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>레이아웃 초기화(&amp;R)</translation>
    </message>
    <message>
        <source>Put every panel back where it was on first start</source>
        <translation>모든 패널을 처음 시작했을 때의 위치로 되돌립니다</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>테마(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>라이트(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>다크(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Pluvia</source>
        <translation>Pluvia 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt 정보(&amp;Q)</translation>
    </message>
    <message>
        <source>Cannot open workspace: %1</source>
        <translation>작업 공간을 열 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>작업 공간 열기</translation>
    </message>
    <message>
        <source>Cannot open the workspace.

%1</source>
        <translation>작업 공간을 열 수 없습니다.

%1</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>작업 공간: %1</translation>
    </message>
    <message>
        <source>%1 — Pluvia</source>
        <translation>%1 — Pluvia</translation>
    </message>
    <message>
        <source>Opened workspace %1 (datasets: %2)</source>
        <translation>작업 공간 %1을(를) 열었습니다(데이터셋: %2)</translation>
    </message>
    <message>
        <source>Building the demo workspace in %1 …</source>
        <translation>%1에 데모 작업 공간을 만드는 중 …</translation>
    </message>
    <message>
        <source>Building the demo workspace…</source>
        <translation>데모 작업 공간을 만드는 중…</translation>
    </message>
    <message>
        <source>Demo workspace failed: %1</source>
        <translation>데모 작업 공간을 만들지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Demo workspace failed</source>
        <translation>데모 작업 공간 생성 실패</translation>
    </message>
    <message>
        <source>Choose a Checkpoint</source>
        <translation>체크포인트 선택</translation>
    </message>
    <message>
        <source>Pluvia checkpoints (*.pt)</source>
        <translation>Pluvia 체크포인트 (*.pt)</translation>
    </message>
    <message>
        <source>Choose a Rainy Image</source>
        <translation>비 내리는 이미지 선택</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>이미지 (%1)</translation>
    </message>
    <message>
        <source>Decomposing %1 with %2 …</source>
        <translation>%2(으)로 %1을(를) 분해하는 중 …</translation>
    </message>
    <message>
        <source>Cannot decompose: %1</source>
        <translation>분해할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Decomposed %1 (%2, step %3): largest |O − (B + R)| %4</source>
        <translation>%1 분해 완료(%2, 스텝 %3): 최대 |O − (B + R)| %4</translation>
    </message>
    <message>
        <source>Cannot show the sample: %1</source>
        <translation>샘플을 표시할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>generated (see its manifest for the provenance)</source>
        <translation>생성됨(출처는 매니페스트 참조)</translation>
    </message>
    <message>
        <source>Cannot register %1: %2</source>
        <translation>%1을(를) 등록할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Registered the dataset %1 (%2)</source>
        <translation>데이터셋 %1을(를) 등록했습니다(%2)</translation>
    </message>
    <message>
        <source>Inspecting %1 …</source>
        <translation>%1 검사 중 …</translation>
    </message>
    <message>
        <source>Cannot add %1: %2</source>
        <translation>%1을(를) 추가할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Add a Dataset</source>
        <translation>데이터셋 추가</translation>
    </message>
    <message>
        <source>Quit Pluvia</source>
        <translation>Pluvia 종료</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <source>The language changes when Pluvia starts again: %1</source>
        <translation>Pluvia를 다시 시작하면 언어가 변경됩니다: %1</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation>학습 시작(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause / Resume</source>
        <translation>일시 정지 / 재개(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>정지(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Resume Selected Run</source>
        <translation>선택한 실행 재개(&amp;R)</translation>
    </message>
    <message>
        <source>Continue the run selected in Runs from its last checkpoint</source>
        <translation>실행 목록에서 선택한 실행을 마지막 체크포인트부터 이어서 진행</translation>
    </message>
    <message>
        <source>Resuming run %1 from its last checkpoint</source>
        <translation>실행 %1을(를) 마지막 체크포인트부터 재개합니다</translation>
    </message>
    <message>
        <source>Run %1 is already training</source>
        <translation>실행 %1은(는) 이미 학습 중입니다</translation>
    </message>
    <message numerus="yes">
        <source>Runs training: %n. Stop them after their current step (checkpoints are written, and the runs can be resumed) and quit?</source>
        <translation>
            <numerusform>학습 중인 실행: %n개. 현재 스텝 후에 정지하고(체크포인트가 기록되며 나중에 재개할 수 있습니다) 종료하시겠습니까?</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add Dataset…</source>
        <translation>데이터셋 추가(&amp;A)…</translation>
    </message>
    <message>
        <source>Inspect a folder and register it as a dataset (as dropping it)</source>
        <translation>폴더를 검사하여 데이터셋으로 등록합니다(끌어다 놓기와 같음)</translation>
    </message>
    <message>
        <source>Derain &amp;Images…</source>
        <translation>이미지 비 제거(&amp;I)…</translation>
    </message>
    <message>
        <source>Derain Images</source>
        <translation>이미지 비 제거</translation>
    </message>
    <message>
        <source>Starter models: %1</source>
        <translation>기본 제공 모델: %1</translation>
    </message>
    <message>
        <source>run %1: %2</source>
        <translation>실행 %1: %2</translation>
    </message>
    <message>
        <source>run %1 ended: %2</source>
        <translation>실행 %1 종료: %2</translation>
    </message>
    <message>
        <source>Time-lapse</source>
        <translation>타임랩스</translation>
    </message>
    <message>
        <source>Import &amp;Video as Time-Lapse…</source>
        <translation>동영상을 타임랩스로 가져오기(&amp;V)…</translation>
    </message>
    <message>
        <source>Import a Video</source>
        <translation>동영상 가져오기</translation>
    </message>
    <message>
        <source>Videos (%1)</source>
        <translation>동영상 (%1)</translation>
    </message>
    <message>
        <source>Extract a video&apos;s frames into a time-lapse dataset (as dropping the video on the dataset list)</source>
        <translation>동영상의 프레임을 타임랩스 데이터셋으로 추출합니다(동영상을 데이터셋 목록에 끌어다 놓기와 같음)</translation>
    </message>
    <message>
        <source>No dataset named %1 in this workspace</source>
        <translation>이 작업 공간에 %1(이)라는 데이터셋이 없습니다</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Open a workspace before importing %1</source>
        <translation>%1을(를) 가져오기 전에 작업 공간을 여세요</translation>
    </message>
    <message>
        <source>Importing the frames of %1 into %2 …</source>
        <translation>%1의 프레임을 %2(으)로 가져오는 중 …</translation>
    </message>
    <message>
        <source>Cannot import the video: %1</source>
        <translation>동영상을 가져올 수 없습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n frame(s), camera shift median %2 px, first to last %3 px</source>
        <translation>
            <numerusform>%1: 프레임 %n개, 카메라 이동 중앙값 %2 px, 첫 프레임–마지막 프레임 %3 px</numerusform>
        </translation>
    </message>
    <message>
        <source>frames imported from videos</source>
        <translation>동영상에서 가져온 프레임</translation>
    </message>
    <message>
        <source>Importing a video: frame %1 of %2</source>
        <translation>동영상 가져오는 중: 프레임 %1 / %2</translation>
    </message>
    <message>
        <source>Swap rainy and clean</source>
        <translation>비 있음과 깨끗함 바꾸기</translation>
    </message>
    <message>
        <source>%1: rainy and clean swapped in manifest.json (delete it to return to detection)</source>
        <translation>%1: manifest.json에서 비 있음과 깨끗함을 바꿨습니다 (파일을 지우면 자동 감지로 돌아갑니다)</translation>
    </message>
    <message>
        <source>Export PyTorch Weights</source>
        <translation>PyTorch 가중치 내보내기</translation>
    </message>
    <message>
        <source>PyTorch state dict (*.pth *.pt)</source>
        <translation>PyTorch state dict (*.pth *.pt)</translation>
    </message>
    <message>
        <source>Exporting the weights of %1 …</source>
        <translation>%1의 가중치를 내보내는 중 …</translation>
    </message>
    <message>
        <source>Cannot export the weights: %1</source>
        <translation>가중치를 내보낼 수 없습니다: %1</translation>
    </message>
    <message>
        <source>%1: %2 step %3, networks %4 (%5 tensors) — in Python: state = torch.load(&quot;%1&quot;)</source>
        <translation>%1: %2 %3 단계, 네트워크 %4 (텐서 %5개) — Python에서: state = torch.load(&quot;%1&quot;)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>비교</translation>
    </message>
    <message>
        <source>%1 on %2: O the rainy image, B this row&apos;s output, then the other rows&apos;</source>
        <translation>%2에서 %1: O는 비 내리는 이미지, B는 이 행의 출력, 그 뒤는 다른 행들의 출력</translation>
    </message>
    <message>
        <source>Cannot show the comparison: %1</source>
        <translation>비교를 표시할 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::ComparePanel</name>
    <message>
        <source>NIQE (no reference; lower is better)</source>
        <translation>NIQE (무참조, 낮을수록 좋음)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>표 내보내기…</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>그림 내보내기…</translation>
    </message>
    <message>
        <source>Saved comparisons</source>
        <translation>저장된 비교</translation>
    </message>
    <message>
        <source>Reopen a comparison saved in this workspace (outputs are cached)</source>
        <translation>이 작업 공간에 저장된 비교를 다시 엽니다 (출력은 캐시됨)</translation>
    </message>
    <message>
        <source>Saved as comparisons/&lt;name&gt;/ in the workspace</source>
        <translation>작업 공간의 comparisons/&lt;name&gt;/에 저장됨</translation>
    </message>
    <message>
        <source>Checkpoints compared, one row each after the rainy input; add them here or with Runs → Add to comparison</source>
        <translation>비교할 체크포인트, 비 내리는 입력 다음에 하나당 한 행; 여기서 또는 실행 → 비교에 추가로 추가</translation>
    </message>
    <message>
        <source>The test sets: PSNR-Y / SSIM-Y where a set has ground truth</source>
        <translation>테스트 세트: 정답이 있는 세트는 PSNR-Y / SSIM-Y</translation>
    </message>
    <message>
        <source>Add checkpoint…</source>
        <translation>체크포인트 추가…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Add Checkpoints</source>
        <translation>체크포인트 추가</translation>
    </message>
    <message>
        <source>Pluvia checkpoints and models (*.pt)</source>
        <translation>Pluvia 체크포인트와 모델 (*.pt)</translation>
    </message>
    <message>
        <source>PSNR-Y dB / SSIM-Y (higher is better) and NIQE (lower is better); the best of each column in bold. Double-click a cell to see that row&apos;s output as layers</source>
        <translation>PSNR-Y dB / SSIM-Y (높을수록 좋음)와 NIQE (낮을수록 좋음); 각 열의 최고값은 굵게. 셀을 두 번 클릭하면 해당 행의 출력을 레이어로 봅니다</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>저장됨</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Rows (checkpoints)</source>
        <translation>행 (체크포인트)</translation>
    </message>
    <message>
        <source>Test sets</source>
        <translation>테스트 세트</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>먼저 작업 공간을 여십시오.</translation>
    </message>
    <message>
        <source>Tick at least one test set.</source>
        <translation>테스트 세트를 하나 이상 선택하십시오.</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n row(s) on %1 …</source>
        <translation>
            <numerusform>%1에서 %n개 행 비교 중 …</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled; run again to go on (finished outputs are kept).</source>
        <translation>취소됨; 다시 실행하면 이어서 진행합니다 (완료된 출력은 유지됨).</translation>
    </message>
    <message>
        <source>%1 rows in %2 s; saved in %3</source>
        <translation>%1개 행, %2초; %3에 저장됨</translation>
    </message>
    <message>
        <source>PSNR-Y ↑</source>
        <translation>PSNR-Y ↑</translation>
    </message>
    <message>
        <source>SSIM-Y ↑</source>
        <translation>SSIM-Y ↑</translation>
    </message>
    <message>
        <source>NIQE ↓</source>
        <translation>NIQE ↓</translation>
    </message>
    <message>
        <source>%1, step %2</source>
        <translation>%1, %2 단계</translation>
    </message>
    <message>
        <source>Export Table</source>
        <translation>표 내보내기</translation>
    </message>
    <message>
        <source>Markdown (*.md);;CSV (*.csv);;LaTeX (*.latex *.tex);;JSON (*.json)</source>
        <translation>Markdown (*.md);;CSV (*.csv);;LaTeX (*.latex *.tex);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Table written to %1</source>
        <translation>표를 %1에 썼습니다</translation>
    </message>
    <message>
        <source>Export Figure</source>
        <translation>그림 내보내기</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF page (*.pdf)</source>
        <translation>PNG 이미지 (*.png);;PDF 페이지 (*.pdf)</translation>
    </message>
    <message>
        <source>%1: cannot write the figure</source>
        <translation>%1: 그림을 쓸 수 없음</translation>
    </message>
    <message>
        <source>Figure written to %1</source>
        <translation>그림을 %1에 썼습니다</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::DatasetBrowser</name>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>이름으로 필터</translation>
    </message>
    <message>
        <source>item </source>
        <translation>항목 #</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>Problems (skipped files)</source>
        <translation>문제(건너뛴 파일)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>항목 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 items</source>
        <translation>항목 %2개 중 %1개</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::DatasetListWidget</name>
    <message>
        <source>Paired</source>
        <translation>쌍</translation>
    </message>
    <message>
        <source>Unpaired</source>
        <translation>비쌍</translation>
    </message>
    <message>
        <source>Time-lapse</source>
        <translation>타임랩스</translation>
    </message>
    <message>
        <source>Filter datasets by name</source>
        <translation>이름으로 데이터셋 필터</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>위치</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::DatasetSummaryWidget</name>
    <message>
        <source>paired</source>
        <translation>쌍</translation>
    </message>
    <message>
        <source>unpaired</source>
        <translation>비쌍</translation>
    </message>
    <message>
        <source>time-lapse</source>
        <translation>타임랩스</translation>
    </message>
    <message>
        <source>pairs: %1</source>
        <translation>쌍: %1</translation>
    </message>
    <message>
        <source>images: %1</source>
        <translation>이미지: %1</translation>
    </message>
    <message>
        <source>scenes: %1, frames: %2</source>
        <translation>장면: %1, 프레임: %2</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>이유</translation>
    </message>
    <message>
        <source>No dataset selected</source>
        <translation>선택된 데이터셋 없음</translation>
    </message>
    <message>
        <source>Inspecting %1 …</source>
        <translation>%1 검사 중 …</translation>
    </message>
    <message>
        <source>Cannot use this dataset: %1</source>
        <translation>이 데이터셋을 사용할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Kind: %1 (layout “%2”)</source>
        <translation>종류: %1(레이아웃 “%2”)</translation>
    </message>
    <message>
        <source>Contents: %1</source>
        <translation>내용: %1</translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation>위치: %1</translation>
    </message>
    <message>
        <source>Image sizes: %1–%2 × %3–%4 px (mean %5 × %6)</source>
        <translation>이미지 크기: %1–%2 × %3–%4 px(평균 %5 × %6)</translation>
    </message>
    <message>
        <source>Problem files skipped: %1</source>
        <translation>건너뛴 문제 파일: %1</translation>
    </message>
    <message>
        <source>Rainy and clean are the other way round</source>
        <translation>비 있음과 깨끗함이 반대입니다</translation>
    </message>
    <message>
        <source>Writes manifest.json into the dataset&apos;s folder with the rainy and clean images swapped; it then decides the pairs (delete it to return to detection).</source>
        <translation>데이터셋 폴더에 비 있음과 깨끗한 이미지를 바꾼 manifest.json을 씁니다. 이후에는 이 파일이 쌍을 정합니다 (지우면 자동 감지로 돌아갑니다).</translation>
    </message>
    <message>
        <source>Pairing: %1</source>
        <translation>짝 맞춤: %1</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::DerainQueue</name>
    <message>
        <source>no checkpoint</source>
        <translation>체크포인트 없음</translation>
    </message>
    <message>
        <source>no output folder</source>
        <translation>출력 폴더 없음</translation>
    </message>
    <message>
        <source>Also save R (rain/)</source>
        <translation>R도 저장(rain/)</translation>
    </message>
    <message>
        <source>Derain</source>
        <translation>비 제거</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>진행률</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>소요 시간</translation>
    </message>
    <message>
        <source>Checkpoint…</source>
        <translation>체크포인트…</translation>
    </message>
    <message>
        <source>Choose a Checkpoint</source>
        <translation>체크포인트 선택</translation>
    </message>
    <message>
        <source>Pluvia checkpoints (*.pt)</source>
        <translation>Pluvia 체크포인트 (*.pt)</translation>
    </message>
    <message>
        <source>Output folder…</source>
        <translation>출력 폴더…</translation>
    </message>
    <message>
        <source>Save Derained Images In</source>
        <translation>비 제거된 이미지 저장 위치</translation>
    </message>
    <message>
        <source>Add images…</source>
        <translation>이미지 추가…</translation>
    </message>
    <message>
        <source>Add Images</source>
        <translation>이미지 추가</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>이미지 (%1)</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>폴더 추가…</translation>
    </message>
    <message>
        <source>Add a Folder of Images</source>
        <translation>이미지 폴더 추가</translation>
    </message>
    <message>
        <source>Clear done</source>
        <translation>완료 항목 지우기</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>대기 중</translation>
    </message>
    <message numerus="yes">
        <source>%n derained image(s) already exist in %1.</source>
        <translation>
            <numerusform>%1에 비 제거된 이미지 %n개가 이미 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Skip them</source>
        <translation>건너뛰기</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>덮어쓰기</translation>
    </message>
    <message>
        <source>running</source>
        <translation>처리 중</translation>
    </message>
    <message>
        <source>cancelled (pending)</source>
        <translation>취소됨(대기 중)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 of %2 images handled</source>
        <translation>이미지 %2개 중 %1개 처리됨</translation>
    </message>
    <message>
        <source>done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <source>skipped (exists)</source>
        <translation>건너뜀(이미 있음)</translation>
    </message>
    <message>
        <source>%1 tiles of %2 px</source>
        <translation>%2 px 타일 %1개</translation>
    </message>
    <message>
        <source>whole image</source>
        <translation>전체 이미지</translation>
    </message>
    <message numerus="yes">
        <source> (smaller tiles after running out of memory %n time(s))</source>
        <translation>
            <numerusform> (메모리 부족 %n회 후 더 작은 타일 사용)</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop images or folders here, choose a model and an output folder.</source>
        <translation>이미지나 폴더를 여기에 끌어다 놓고 모델과 출력 폴더를 선택하세요.</translation>
    </message>
    <message>
        <source>%1 of %2 tiles, %3 left</source>
        <translation>타일 %1/%2, 남은 시간 %3</translation>
    </message>
    <message>
        <source>time unknown</source>
        <translation>시간 알 수 없음</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>a starter model: its name, then its card&apos;s label</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 of each scene (baseline, time-lapse only)</source>
        <translation>장면별 %1 (베이스라인, 타임랩스 전용)</translation>
    </message>
    <message>
        <source>Add time-lapse…</source>
        <translation>타임랩스 추가…</translation>
    </message>
    <message>
        <source>Every frame of a time-lapse dataset, written as &lt;output&gt;/&lt;scene&gt;/&lt;frame&gt;.png</source>
        <translation>타임랩스 데이터셋의 모든 프레임을 &lt;output&gt;/&lt;scene&gt;/&lt;frame&gt;.png로 저장</translation>
    </message>
    <message>
        <source>Add a Time-Lapse Dataset</source>
        <translation>타임랩스 데이터셋 추가</translation>
    </message>
    <message>
        <source>Reading %1 …</source>
        <translation>%1 읽는 중 …</translation>
    </message>
    <message>
        <source>Cannot add %1: %2</source>
        <translation>%1을(를) 추가할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>no scene with frames</source>
        <translation>프레임이 있는 장면이 없음</translation>
    </message>
    <message numerus="yes">
        <source>%n frame(s) of %1 queued</source>
        <translation>
            <numerusform>%1의 프레임 %n개를 대기열에 추가함</numerusform>
        </translation>
    </message>
    <message>
        <source>a temporal baseline derains the frames of a time-lapse scene, not single images</source>
        <translation>시간 베이스라인은 단일 이미지가 아니라 타임랩스 장면의 프레임에서 비를 제거합니다</translation>
    </message>
    <message>
        <source>Nothing for the baseline to derain: it takes time-lapse frames</source>
        <translation>베이스라인으로 비를 제거할 항목이 없습니다: 타임랩스 프레임이 필요합니다</translation>
    </message>
    <message>
        <source>%1 of %2 scenes, %3 left</source>
        <translation>장면 %1/%2, 남은 시간 %3</translation>
    </message>
    <message>
        <source>NIQE (lower is better)</source>
        <translation>NIQE (낮을수록 좋음)</translation>
    </message>
    <message>
        <source>NIQE (Mittal et al. 2013): a no-reference quality score, rainy input → derained image. Lower is better; it needs no ground truth, so it also scores real rain.</source>
        <translation>NIQE (Mittal 외, 2013): 참조 없는 품질 점수, 비 내리는 입력 → 비를 제거한 이미지. 낮을수록 좋으며, 정답 이미지가 필요 없어 실제 비 사진도 평가합니다.</translation>
    </message>
    <message>
        <source>NIQE of the rainy input %1, of the derained image %2 (lower is better)</source>
        <translation>비 내리는 입력의 NIQE %1, 비를 제거한 이미지의 NIQE %2 (낮을수록 좋음)</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::DomainGapChart</name>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>k-NN acc.</source>
        <translation>k-NN 정확도</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::ExportDialog</name>
    <message>
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>내보내기 취소</translation>
    </message>
    <message>
        <source>Export a Generated Rainy Dataset</source>
        <translation>생성된 비 내리는 이미지 데이터셋 내보내기</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Choose a Checkpoint</source>
        <translation>체크포인트 선택</translation>
    </message>
    <message>
        <source>Pluvia checkpoints (*.pt)</source>
        <translation>Pluvia 체크포인트 (*.pt)</translation>
    </message>
    <message>
        <source>Choose a Folder</source>
        <translation>폴더 선택</translation>
    </message>
    <message>
        <source>The synthesizer&apos;s rain for methods that translate synthetic rain (JRGR&apos;s S2R)</source>
        <translation>합성 비를 변환하는 방법(JRGR의 S2R)에 쓰이는 합성기의 비</translation>
    </message>
    <message>
        <source>Each variant is a full pass with its own seed, in variant-k/</source>
        <translation>각 변형은 고유한 시드로 전체를 한 번 생성하며 variant-k/에 저장됩니다</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>체크포인트</translation>
    </message>
    <message>
        <source>Clean images</source>
        <translation>깨끗한 이미지</translation>
    </message>
    <message>
        <source>Real rainy images</source>
        <translation>실제 비 내리는 이미지</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>출력 폴더</translation>
    </message>
    <message>
        <source>Synthetic rain</source>
        <translation>합성 비</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>변형 수</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Generating a preview of %1 images …</source>
        <translation>이미지 %1개의 미리 보기를 생성하는 중 …</translation>
    </message>
    <message>
        <source>Cannot preview: %1</source>
        <translation>미리 볼 수 없습니다: %1</translation>
    </message>
    <message>
        <source>generated rainy image</source>
        <translation>생성된 비 내리는 이미지</translation>
    </message>
    <message>
        <source>its rain layer (generated − clean)</source>
        <translation>해당 비 레이어(생성 이미지 − 깨끗한 이미지)</translation>
    </message>
    <message>
        <source>Preview: %1 generated images (top) and their rain layers (bottom). Export writes the whole set.</source>
        <translation>미리 보기: 생성된 이미지 %1개(위)와 해당 비 레이어(아래). 내보내기는 전체 세트를 저장합니다.</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>출력 폴더를 선택하세요.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n dataset(s) to %1</source>
        <translation>
            <numerusform>%1에 데이터셋 %n개를 내보냈습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Variant %1 of %2 …</source>
        <translation>변형 %1 / %2 …</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>내보낼 수 없습니다: %1</translation>
    </message>
    <message>
        <source>UDRDR: the real rain it carries over; DerainCycleGAN: optional, steers its rain</source>
        <translation>UDRDR: 옮겨 올 실제 비; DerainCycleGAN: 선택 사항, 비의 모양을 이끕니다</translation>
    </message>
    <message>
        <source>Cancelled; the unfinished dataset has no manifest. Export again to the same folder to finish it.</source>
        <translation>취소됨. 완료되지 않은 데이터셋에는 manifest가 없습니다. 같은 폴더로 다시 내보내면 마저 완성합니다.</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::FrameScorePlot</name>
    <message>
        <source>frame</source>
        <translation>프레임</translation>
    </message>
    <message>
        <source>PSNR</source>
        <translation>PSNR</translation>
    </message>
    <message>
        <source>temporal mean</source>
        <translation>시간 평균</translation>
    </message>
    <message>
        <source>temporal median</source>
        <translation>시간 중앙값</translation>
    </message>
    <message>
        <source>SSIM</source>
        <translation>SSIM</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::LayerPane</name>
    <message>
        <source>%1 | %2</source>
        <translation>%1 | %2</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::LayerViewer</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>창에 맞춤</translation>
    </message>
    <message>
        <source>Fit the image to the panes</source>
        <translation>이미지를 창 크기에 맞춤</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>One image pixel per screen pixel</source>
        <translation>이미지 픽셀 하나를 화면 픽셀 하나로 표시</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>확대</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>축소</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>분할</translation>
    </message>
    <message>
        <source>Compare two layers in one pane with a split line</source>
        <translation>한 창에서 분할선으로 두 레이어 비교</translation>
    </message>
    <message>
        <source>Flip</source>
        <translation>교체</translation>
    </message>
    <message>
        <source>Swap the two compared layers (A/B)</source>
        <translation>비교 중인 두 레이어 교체(A/B)</translation>
    </message>
    <message>
        <source>Layer left of the split line</source>
        <translation>분할선 왼쪽 레이어</translation>
    </message>
    <message>
        <source>Layer right of the split line</source>
        <translation>분할선 오른쪽 레이어</translation>
    </message>
    <message>
        <source>No decomposition yet: derain an image or start a run to see its O, B and R here.</source>
        <translation>아직 분해 결과가 없습니다. 이미지의 비를 제거하거나 실행을 시작하면 여기에서 O, B, R을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Decomposition</source>
        <translation>분해</translation>
    </message>
    <message>
        <source>%1 — run %2, step %3</source>
        <translation>%1 — 실행 %2, 스텝 %3</translation>
    </message>
    <message>
        <source>Point at the image to read every layer&apos;s value; wheel zooms, drag pans, double-click fits.</source>
        <translation>이미지를 가리키면 각 레이어의 값을 읽을 수 있습니다. 휠로 확대/축소, 드래그로 이동, 더블클릭으로 맞춤.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>x %1, y %2 · %3</source>
        <translation>x %1, y %2 · %3</translation>
    </message>
    <message>
        <source>%1: blue −%2 · black 0 · red +%2</source>
        <translation>%1: 파란색 −%2 · 검은색 0 · 빨간색 +%2</translation>
    </message>
    <message>
        <source>%1: blue −%2 · white 0 · red +%2</source>
        <translation>%1: 파란색 −%2 · 흰색 0 · 빨간색 +%2</translation>
    </message>
    <message>
        <source> (full colour at the 99th percentile of |value|; the residual at one 8-bit level, 1/255).</source>
        <translation>(|값|의 99번째 백분위수에서 색이 최대로 표시되며, 잔차는 8비트 한 단계인 1/255에서 최대로 표시됨).</translation>
    </message>
    <message>
        <source> Largest |O − (B + R)|: %1.</source>
        <translation> 최대 |O − (B + R)|: %1.</translation>
    </message>
    <message>
        <source>%1 — NIQE O %2 → B %3 (lower is better)</source>
        <translation>%1 — NIQE O %2 → B %3 (낮을수록 좋음)</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::LossPlot</name>
    <message>
        <source>Log scale</source>
        <translation>로그 스케일</translation>
    </message>
    <message>
        <source>Smoothing: debiased exponential moving average (as TensorBoard)</source>
        <translation>스무딩: 편향 보정 지수 이동 평균(TensorBoard와 동일)</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>relative time</source>
        <translation>상대 시간</translation>
    </message>
    <message>
        <source>wall time</source>
        <translation>실제 시각</translation>
    </message>
    <message>
        <source>All runs</source>
        <translation>모든 실행</translation>
    </message>
    <message>
        <source>Overlay every run of the workspace</source>
        <translation>작업 공간의 모든 실행을 겹쳐 표시</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Export the Chart</source>
        <translation>차트 내보내기</translation>
    </message>
    <message>
        <source>PNG (*.png);;PDF (*.pdf);;CSV (*.csv)</source>
        <translation>PNG (*.png);;PDF (*.pdf);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>차트</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>스무딩</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x축</translation>
    </message>
    <message>
        <source>seconds since the first point</source>
        <translation>첫 점 이후 경과 시간(초)</translation>
    </message>
    <message>
        <source>%1: %2 at %3</source>
        <translation>%1: %2 (x = %3)</translation>
    </message>
    <message>
        <source>%1: cannot write the file</source>
        <translation>%1: 파일을 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>%1: choose .png, .pdf or .csv</source>
        <translation>%1: .png, .pdf 또는 .csv를 선택하세요</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::ParameterForm</name>
    <message>
        <source>Presets: the paper&apos;s values, the public code&apos;s, or a quick CPU-sized configuration</source>
        <translation>프리셋: 논문의 값, 공개 코드의 값 또는 CPU에 맞춘 빠른 구성</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <source>paper</source>
        <translation>paper</translation>
    </message>
    <message>
        <source>%1
range: %2
paper: %3
source: %4</source>
        <translation>%1
범위: %2
논문 값: %3
출처: %4</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>%1  ≠ paper</source>
        <translation>%1  ≠ paper</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::RainMapView</name>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Measure over checkpoints</source>
        <translation>체크포인트별 측정</translation>
    </message>
    <message>
        <source>The points inside the lasso (Shift+drag on the map)</source>
        <translation>올가미 안의 점(맵에서 Shift+드래그)</translation>
    </message>
    <message>
        <source>%1 points · iteration %2 of %3 · KL %4</source>
        <translation>점 %1개 · 반복 %2 / %3 · KL %4</translation>
    </message>
    <message>
        <source>Cannot map %1: %2</source>
        <translation>%1을(를) 매핑할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 points · PCA</source>
        <translation>점 %1개 · PCA</translation>
    </message>
    <message>
        <source>%1 points · %2 iterations%3 · KL %4 · %5 s</source>
        <translation>점 %1개 · 반복 %2회%3 · KL %4 · %5 s</translation>
    </message>
    <message>
        <source> (stopped)</source>
        <translation>(중지됨)</translation>
    </message>
    <message>
        <source>Rain statistics</source>
        <translation>비 통계</translation>
    </message>
    <message>
        <source>Raw rain layer (16×16)</source>
        <translation>원본 비 레이어(16×16)</translation>
    </message>
    <message>
        <source>crops per role: </source>
        <translation>데이터 역할별 크롭 수: </translation>
    </message>
    <message>
        <source>t-SNE</source>
        <translation>t-SNE</translation>
    </message>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>perplexity </source>
        <translation>퍼플렉서티 </translation>
    </message>
    <message>
        <source> iterations</source>
        <translation>회 반복</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>시드 </translation>
    </message>
    <message>
        <source>The domain gap at every checkpoint of this run, on the same crops, recorded with the run&apos;s metrics</source>
        <translation>동일한 크롭에서 이 실행의 모든 체크포인트의 도메인 간격을 측정하여 실행 지표와 함께 기록합니다</translation>
    </message>
    <message>
        <source>From checkpoint…</source>
        <translation>체크포인트에서…</translation>
    </message>
    <message>
        <source>Open features…</source>
        <translation>특징 열기…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Choose a Checkpoint</source>
        <translation>체크포인트 선택</translation>
    </message>
    <message>
        <source>Pluvia checkpoints (*.pt)</source>
        <translation>Pluvia 체크포인트 (*.pt)</translation>
    </message>
    <message>
        <source>Open Features</source>
        <translation>특징 열기</translation>
    </message>
    <message>
        <source>Feature tables (*.csv)</source>
        <translation>특징 테이블 (*.csv)</translation>
    </message>
    <message>
        <source>Choose a checkpoint (its rain layers, on the data its run trained on) or open a features CSV, then Run.</source>
        <translation>체크포인트(해당 실행이 학습한 데이터에서 얻은 비 레이어)를 선택하거나 특징 CSV를 연 다음 ‘실행’을 누르세요.</translation>
    </message>
    <message>
        <source>Extracting rain-layer features with %1 …</source>
        <translation>%1(으)로 비 레이어 특징을 추출하는 중 …</translation>
    </message>
    <message>
        <source>Reading %1 …</source>
        <translation>%1 읽는 중 …</translation>
    </message>
    <message>
        <source>Cannot load the features: %1</source>
        <translation>특징을 불러올 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Domain gap in feature space, %1 (%2) vs %3 (%4): balanced %5-NN domain accuracy %6 (0.5 = indistinguishable, 1 = separate) · MMD² %7 (Gaussian kernel, σ = the median distance %8)</source>
        <translation>특징 공간의 도메인 간격, %1 (%2) 대 %3 (%4): 균형 %5-NN 도메인 정확도 %6 (0.5 = 구별 불가, 1 = 완전 분리) · MMD² %7 (가우시안 커널, σ = 중앙값 거리 %8)</translation>
    </message>
    <message>
        <source>Domain gap: the points hold fewer than two domains.</source>
        <translation>도메인 간격: 점이 속한 도메인이 두 개 미만입니다.</translation>
    </message>
    <message>
        <source>%1 points of %2 features from %3, in %4 groups. Run maps them.</source>
        <translation>%3에서 가져온 점 %1개(특징 %2개), 그룹 %4개. ‘실행’을 누르면 매핑합니다.</translation>
    </message>
    <message>
        <source>Mapping %1 points …</source>
        <translation>점 %1개 매핑 중 …</translation>
    </message>
    <message>
        <source>(no group)</source>
        <translation>(그룹 없음)</translation>
    </message>
    <message>
        <source>%1
%2
crop %3</source>
        <translation>%1
%2
크롭 %3</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) in the lasso</source>
        <translation>
            <numerusform>올가미 안의 점 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 belongs to no run of this workspace</source>
        <translation>%1은(는) 이 작업 공간의 어떤 실행에도 속하지 않습니다</translation>
    </message>
    <message>
        <source>Measuring the domain gap at every checkpoint of run %1 …</source>
        <translation>실행 %1의 모든 체크포인트에서 도메인 간격을 측정하는 중 …</translation>
    </message>
    <message>
        <source>Cannot measure the history: %1</source>
        <translation>이력을 측정할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Domain gap measured at %1 checkpoints of run %2</source>
        <translation>실행 %2의 체크포인트 %1개에서 도메인 간격을 측정했습니다</translation>
    </message>
    <message>
        <source>%1: there is no map to export yet</source>
        <translation>%1: 아직 내보낼 맵이 없습니다</translation>
    </message>
    <message>
        <source>%1: choose .csv, .png or .pdf</source>
        <translation>%1: .csv, .png 또는 .pdf를 선택하세요</translation>
    </message>
    <message>
        <source>%1: cannot write the file</source>
        <translation>%1: 파일을 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Export the Map</source>
        <translation>맵 내보내기</translation>
    </message>
    <message>
        <source>CSV (*.csv);;PNG image (*.png);;PDF (*.pdf)</source>
        <translation>CSV (*.csv);;PNG 이미지 (*.png);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>내보내기 완료: %1</translation>
    </message>
    <message>
        <source>Features of each rain layer: orientation and intensity histograms, density and moments; the layer itself, downsampled; or, once a checkpoint is loaded, the activations of one of its method&apos;s network layers. Changing it extracts again.</source>
        <translation>각 비 레이어의 특징: 방향 및 강도 히스토그램, 밀도와 모멘트; 다운샘플한 레이어 자체; 또는 체크포인트를 불러온 뒤에는 해당 방법의 네트워크 레이어 활성값. 변경하면 다시 추출합니다.</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>레이어 %1</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::RunsTable</name>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>방법</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Best PSNR-Y</source>
        <translation>최고 PSNR-Y</translation>
    </message>
    <message>
        <source>SSIM-Y</source>
        <translation>SSIM-Y</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Filter runs (any column)</source>
        <translation>실행 필터(모든 열)</translation>
    </message>
    <message>
        <source>Select a run to see its reproducibility card.</source>
        <translation>실행을 선택하면 재현성 카드가 표시됩니다.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>실행 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>Continue the selected run from its last checkpoint</source>
        <translation>선택한 실행을 마지막 체크포인트부터 이어서 진행</translation>
    </message>
    <message>
        <source>The run&apos;s checkpoints; double-click one to derain with it</source>
        <translation>이 실행의 체크포인트; 더블클릭하면 그것으로 비 제거를 합니다</translation>
    </message>
    <message>
        <source>Derain with it</source>
        <translation>이것으로 비 제거</translation>
    </message>
    <message>
        <source>Rain-feature map</source>
        <translation>비 특징 맵</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>체크포인트</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>스텝 %1</translation>
    </message>
    <message>
        <source>step %1 (%2)</source>
        <translation>스텝 %1 (%2)</translation>
    </message>
    <message>
        <source>Export weights…</source>
        <translation>가중치 내보내기…</translation>
    </message>
    <message>
        <source>Write the checkpoint&apos;s networks as a PyTorch state dict (torch.load reads it)</source>
        <translation>체크포인트의 네트워크를 PyTorch state dict로 씁니다 (torch.load로 읽음)</translation>
    </message>
    <message>
        <source>Add to comparison</source>
        <translation>비교에 추가</translation>
    </message>
    <message>
        <source>A row of the Compare tab&apos;s results table</source>
        <translation>비교 탭 결과 표의 한 행</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::SchedulePlot</name>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>The learning rate of each network over the run and its stages, as training will set them. Every schedule is a share of the run, so a shorter run keeps this shape.</source>
        <translation>훈련이 설정할 각 네트워크의 학습률과 단계입니다. 모든 스케줄은 실행의 비율이므로 더 짧은 실행도 같은 모양을 유지합니다.</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>% of the run</source>
        <translation>실행의 %</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::TemporalConsistencyView</name>
    <message>
        <source>Derain Sequence</source>
        <translation>시퀀스 비 제거</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>A scene of the time-lapse dataset selected in the dataset list</source>
        <translation>데이터셋 목록에서 선택한 타임랩스 데이터셋의 장면</translation>
    </message>
    <message>
        <source>The model that derains each frame on its own, or a temporal baseline that gives every frame the same background</source>
        <translation>각 프레임의 비를 따로 제거하는 모델, 또는 모든 프레임에 같은 배경을 주는 시간 베이스라인</translation>
    </message>
    <message>
        <source>%1 of all frames (baseline)</source>
        <translation>모든 프레임의 %1 (베이스라인)</translation>
    </message>
    <message>
        <source>Play the frames (Space)</source>
        <translation>프레임 재생(Space)</translation>
    </message>
    <message>
        <source>Frame (Left/Right step through them)</source>
        <translation>프레임(왼쪽/오른쪽 화살표 키로 한 프레임씩 이동)</translation>
    </message>
    <message>
        <source>The temporal standard deviation per pixel, averaged over the frame (of 255): a static scene&apos;s background does not change, so a method consistent over time lowers it</source>
        <translation>픽셀별 시간 표준편차를 프레임 전체에서 평균한 값(0–255 기준): 정적인 장면의 배경은 변하지 않으므로 시간적으로 일관된 방법일수록 이 값이 낮아집니다</translation>
    </message>
    <message>
        <source>Scene:</source>
        <translation>장면:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>모델:</translation>
    </message>
    <message numerus="yes">
        <source>%1 / %2 (%n frame(s))</source>
        <translation>
            <numerusform>%1 / %2 (프레임 %n개)</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a time-lapse dataset in the dataset list to derain its scenes frame by frame.</source>
        <translation>데이터셋 목록에서 타임랩스 데이터셋을 선택하면 그 장면의 비를 프레임별로 제거할 수 있습니다.</translation>
    </message>
    <message>
        <source>%1 (starter model)</source>
        <translation>%1 (기본 제공 모델)</translation>
    </message>
    <message>
        <source>frame %1 of %2</source>
        <translation>프레임 %1 / %2</translation>
    </message>
    <message>
        <source>Deraining %1 with %2 …</source>
        <translation>%2(으)로 %1의 비를 제거하는 중 …</translation>
    </message>
    <message>
        <source>frame %v of %m</source>
        <translation>프레임 %v / %m</translation>
    </message>
    <message>
        <source>Cannot derain the scene: %1</source>
        <translation>장면의 비를 제거할 수 없습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: cancelled after %n frame(s)</source>
        <translation>
            <numerusform>%1: 프레임 %n개 처리 후 취소됨</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n frame(s) derained by %2</source>
        <translation>
            <numerusform>%1: %2(으)로 프레임 %n개의 비를 제거했습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Temporal std, mean over the frame: O %1, B %2 (of 255; lower is more consistent)</source>
        <translation>시간 표준편차(프레임 평균): O %1, B %2 (0–255 기준, 낮을수록 일관적)</translation>
    </message>
    <message>
        <source>frame %1 of %2 (%3)</source>
        <translation>프레임 %1 / %2 (%3)</translation>
    </message>
    <message>
        <source>: %1 dB, SSIM %2</source>
        <translation>: %1 dB, SSIM %2</translation>
    </message>
    <message>
        <source>Cannot show the frame: %1</source>
        <translation>프레임을 표시할 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::ThumbnailModel</name>
    <message>
        <source>%1
%2
(rainy | clean | R = O − B)</source>
        <translation>%1
%2
(비 내리는 이미지 | 깨끗한 이미지 | R = O − B)</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::TrainingPanel</name>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>the method&apos;s epochs</source>
        <translation>방법 기본 에포크</translation>
    </message>
    <message>
        <source>Total training steps (0: the epochs the parameters give)</source>
        <translation>총 학습 스텝 수(0: 파라미터에 지정된 에포크 수)</translation>
    </message>
    <message>
        <source>Start a new run with these settings</source>
        <translation>이 설정으로 새 실행 시작</translation>
    </message>
    <message>
        <source>Pause after the current step (a checkpoint is written); press again to resume</source>
        <translation>현재 스텝이 끝난 후 일시 정지합니다(체크포인트 저장). 다시 누르면 재개합니다</translation>
    </message>
    <message>
        <source>Stop after the current step; the run stays resumable</source>
        <translation>현재 스텝이 끝난 후 중지합니다. 실행은 나중에 재개할 수 있습니다</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>방법</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>(the clean images of %1)</source>
        <translation>(%1의 깨끗한 이미지)</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>스텝 %1 / %2</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 images/s · ETA %4</source>
        <translation>%1 · %2 · %3 이미지/초 · 남은 시간 %4</translation>
    </message>
    <message>
        <source>run %1: %2</source>
        <translation>실행 %1: %2</translation>
    </message>
    <message>
        <source>run %1 ended: %2</source>
        <translation>실행 %1 종료: %2</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>The runs training now; Pause, Resume and Stop act on this one</source>
        <translation>지금 학습 중인 실행; 일시 정지, 재개, 정지는 이 실행에 적용됩니다</translation>
    </message>
    <message>
        <source>Active run</source>
        <translation>현재 실행</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>시작하는 중…</translation>
    </message>
</context>
</TS>
