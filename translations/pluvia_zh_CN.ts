<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>InputLimits</name>
    <message>
        <source>Image Size &amp;Limit…</source>
        <translation>图像尺寸上限(&amp;L)…</translation>
    </message>
    <message>
        <source>Image Size Limit</source>
        <translation>图像尺寸上限</translation>
    </message>
    <message>
        <source>Images whose header declares more than this many megapixels are skipped with a message naming them, before anything is decoded (default %1):</source>
        <translation>文件头声明超过此百万像素数的图像会在解码前被跳过，并给出指明该文件的消息（默认 %1）：</translation>
    </message>
    <message>
        <source>Images over %1 megapixels are now skipped</source>
        <translation>现在将跳过超过 %1 百万像素的图像</translation>
    </message>
    <message>
        <source>Images declaring more pixels are skipped before decoding</source>
        <translation>声明像素更多的图像在解码前即被跳过</translation>
    </message>
    <message>
        <source>Allow Dataset Paths &amp;Outside Their Folder</source>
        <translation>允许数据集路径位于其文件夹之外(&amp;O)</translation>
    </message>
    <message>
        <source>Use files that a dataset&apos;s manifest.json or pair list names outside the dataset&apos;s folder (off: they are listed as problems)</source>
        <translation>使用数据集的 manifest.json 或配对列表所列、位于数据集文件夹之外的文件（关闭时：它们被列为问题）</translation>
    </message>
    <message>
        <source>Datasets may now name files outside their folder</source>
        <translation>数据集现在可以引用其文件夹之外的文件</translation>
    </message>
    <message>
        <source>Files a dataset names outside its folder are now refused</source>
        <translation>现在将拒绝数据集引用的、位于其文件夹之外的文件</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Research workbench for single-image rain removal.</source>
        <translation>单图像去雨研究工作台。</translation>
    </message>
    <message>
        <source>Open the demo workspace (built on first use).</source>
        <translation>打开演示工作区（首次使用时构建）。</translation>
    </message>
    <message>
        <source>Checkpoint for --decompose.</source>
        <translation>--decompose 使用的检查点。</translation>
    </message>
    <message>
        <source>Show the rain-feature map of the checkpoint given by --checkpoint.</source>
        <translation>显示 --checkpoint 指定的检查点的雨特征图。</translation>
    </message>
    <message>
        <source>Save a picture of the window to this PNG after --screenshot-after milliseconds, then quit (for documentation).</source>
        <translation>在 --screenshot-after 指定的毫秒数后将窗口截图保存为此 PNG 文件，然后退出（用于编写文档）。</translation>
    </message>
    <message>
        <source>Delay before --screenshot (default 5000 ms).</source>
        <translation>--screenshot 之前的延迟（默认 5000 ms）。</translation>
    </message>
    <message>
        <source>light or dark (default: the last one chosen).</source>
        <translation>light 或 dark（默认：上次选择的主题）。</translation>
    </message>
    <message>
        <source>no translation &quot;%1&quot; (available: %2)</source>
        <translation>没有“%1”的翻译（可用：%2）</translation>
    </message>
    <message>
        <source>Language of the interface: en, zh_CN, ko or system (default: the last one chosen, else the system&apos;s).</source>
        <translation>界面语言：en、zh_CN、ko 或 system（默认：上次选择的语言，若无则使用系统语言）。</translation>
    </message>
    <message>
        <source>Derain the first scene of this time-lapse dataset (its name in the workspace) in the Time-lapse tab, with --checkpoint (else the temporal median).</source>
        <translation>在延时序列标签页中，用 --checkpoint（否则用时域中位数）对此延时序列数据集（按其在工作区中的名称指定）的第一个场景去雨。</translation>
    </message>
    <message>
        <source>Reopen this saved comparison of the workspace (comparisons/NAME) in the Compare tab.</source>
        <translation>在“比较”标签页中重新打开工作区中保存的此比较（comparisons/NAME）。</translation>
    </message>
    <message>
        <source>Refuse images whose header declares more than n pixels, for this session (default: File → Image Size Limit, else %1).</source>
        <translation>本次会话中拒绝文件头声明超过 n 个像素的图像（默认：文件 → 图像尺寸上限，否则为 %1）。</translation>
    </message>
    <message>
        <source>Use files that a dataset&apos;s manifest.json or pair list names outside the dataset&apos;s folder, for this session (default: File → Allow Dataset Paths Outside Their Folder).</source>
        <translation>在本次会话中使用数据集的 manifest.json 或配对列表所列、位于数据集文件夹之外的文件（默认：文件 → 允许数据集路径位于其文件夹之外）。</translation>
    </message>
    <message>
        <source>Decompose this image with the checkpoint given by --checkpoint (else the last one used, else the Derain tab&apos;s model) and show its layers.</source>
        <translation>用 --checkpoint 指定的检查点（否则用上次使用的检查点，若无则用去雨标签页的模型）分解此图像并显示其图层。</translation>
    </message>
    <message>
        <source>Workspace folder to open, or an image to decompose into its layers with the last model used (what the desktop&apos;s Open With does).</source>
        <translation>要打开的工作区文件夹，或用上次使用的模型分解为各图层的图像（桌面“打开方式”即如此调用）。</translation>
    </message>
</context>
<context>
    <name>pluvia::app::AboutDialog</name>
    <message>
        <source>About Pluvia</source>
        <translation>关于 Pluvia</translation>
    </message>
    <message>
        <source>&lt;p&gt;Pluvia implements these methods:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;jrgr&lt;/b&gt; — Y. Ye, Y. Chang, H. Zhou, L. Yan: &lt;i&gt;Closing the Loop: Joint Rain Generation and Removal via Disentangled Image Translation&lt;/i&gt;. CVPR 2021.&lt;/li&gt;&lt;li&gt;&lt;b&gt;deraincyclegan&lt;/b&gt; — Y. Wei, Z. Zhang, J. Fan, Y. Wang, S. Yan, M. Wang: &lt;i&gt;DerainCycleGAN: An Attention-guided Unsupervised Benchmark for Single Image Deraining and Rainmaking&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;udrdr&lt;/b&gt; — Y. Liu, Z. Yue, J. Pan, Z. Su: &lt;i&gt;Unpaired Learning for Deep Image Deraining with Rain Direction Regularizer&lt;/i&gt;. ICCV 2021.&lt;/li&gt;&lt;li&gt;&lt;b&gt;timelapse&lt;/b&gt; — J. Cho, S. Kim, D. Min, K. Sohn: &lt;i&gt;Single Image Deraining Using Time-Lapse Data&lt;/i&gt;. IEEE Transactions on Image Processing, 2020.&lt;/li&gt;&lt;li&gt;&lt;b&gt;supervised&lt;/b&gt; — the U-Net baseline trained on synthetic pairs only.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;Pluvia 实现了以下方法：&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;jrgr&lt;/b&gt; — Y. Ye, Y. Chang, H. Zhou, L. Yan: &lt;i&gt;Closing the Loop: Joint Rain Generation and Removal via Disentangled Image Translation&lt;/i&gt;. CVPR 2021.&lt;/li&gt;&lt;li&gt;&lt;b&gt;deraincyclegan&lt;/b&gt; — Y. Wei, Z. Zhang, J. Fan, Y. Wang, S. Yan, M. Wang: &lt;i&gt;DerainCycleGAN: An Attention-guided Unsupervised Benchmark for Single Image Deraining and Rainmaking&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;udrdr&lt;/b&gt; — Y. Liu, Z. Yue, J. Pan, Z. Su: &lt;i&gt;Unpaired Learning for Deep Image Deraining with Rain Direction Regularizer&lt;/i&gt;. ICCV 2021.&lt;/li&gt;&lt;li&gt;&lt;b&gt;timelapse&lt;/b&gt; — J. Cho, S. Kim, D. Min, K. Sohn: &lt;i&gt;Single Image Deraining Using Time-Lapse Data&lt;/i&gt;. IEEE Transactions on Image Processing, 2020.&lt;/li&gt;&lt;li&gt;&lt;b&gt;supervised&lt;/b&gt; — 仅在合成成对数据上训练的 U-Net 基线。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Pluvia %1&lt;/h2&gt;&lt;p&gt;A research workbench for single-image rain removal: train and monitor deraining models, inspect the layers a rainy image decomposes into (O = B + R), derain photos, compare synthetic and real rain, and export generated rainy datasets.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Pluvia %1&lt;/h2&gt;&lt;p&gt;单图像去雨研究工作台：训练并监控去雨模型，查看有雨图像分解得到的各图层（O = B + R），对照片去雨，比较合成雨与真实雨，并导出生成的有雨数据集。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Runtime: %1, Qt %2.&lt;/p&gt;&lt;p&gt;Pluvia is free software under the GNU General Public License, version 3 or later. Demo photographs: the MATE desktop backgrounds (GPL-2+).&lt;/p&gt;</source>
        <translation>&lt;p&gt;运行时：%1，Qt %2。&lt;/p&gt;&lt;p&gt;Pluvia 是自由软件，依据 GNU 通用公共许可证第 3 版或更高版本发布。演示照片：MATE 桌面背景（GPL-2+）。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>pluvia::app::AddDatasetDialog</name>
    <message>
        <source>Add a Dataset</source>
        <translation>添加数据集</translation>
    </message>
    <message numerus="yes">
        <source>%1
Detected: %2, %n item(s).</source>
        <translation>
            <numerusform>%1
检测到：%2，共 %n 项。</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
</context>
<context>
    <name>pluvia::app::ImportVideoDialog</name>
    <message>
        <source>Import a Video as a Time-Lapse Scene</source>
        <translation>将视频导入为延时序列场景</translation>
    </message>
    <message>
        <source>Keep frames 0, k, 2k, …: rain changes between frames, the scene should not</source>
        <translation>保留第 0、k、2k、… 帧：帧与帧之间雨会变化，场景则不应变化</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>A time-lapse dataset folder; the video becomes one scene in it</source>
        <translation>延时序列数据集文件夹；该视频将成为其中的一个场景</translation>
    </message>
    <message>
        <source>Video:</source>
        <translation>视频：</translation>
    </message>
    <message>
        <source>Dataset folder:</source>
        <translation>数据集文件夹：</translation>
    </message>
    <message>
        <source>Scene name:</source>
        <translation>场景名称：</translation>
    </message>
    <message>
        <source>Keep every k-th frame:</source>
        <translation>每隔 k 帧保留一帧：</translation>
    </message>
    <message>
        <source>At most (frames kept):</source>
        <translation>最多保留帧数：</translation>
    </message>
    <message>
        <source>The camera&apos;s frame-to-frame shift is measured; the time-lapse method needs a camera that does not move.</source>
        <translation>将测量相机在帧与帧之间的位移；延时序列方法要求相机保持不动。</translation>
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
        <translation>数据集</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集详情</translation>
    </message>
    <message>
        <source>Rain-feature map</source>
        <translation>雨特征图</translation>
    </message>
    <message>
        <source>Loss plots</source>
        <translation>损失曲线</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行列表</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Derain</source>
        <translation>去雨</translation>
    </message>
    <message>
        <source>Map point: %1, crop %2</source>
        <translation>特征图上的点：%1，裁剪块 %2</translation>
    </message>
    <message>
        <source>Device: CPU · threads: %1</source>
        <translation>设备：CPU · 线程：%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>Open &amp;Demo Workspace</source>
        <translation>打开演示工作区(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Decompose Image…</source>
        <translation>分解图像(&amp;D)…</translation>
    </message>
    <message>
        <source>Derain one image with a checkpoint and inspect O, B and R</source>
        <translation>用检查点对单张图像去雨，并查看 O、B 和 R</translation>
    </message>
    <message>
        <source>&amp;Export Generated Dataset…</source>
        <translation>导出生成的数据集(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>Put every panel back where it was on first start</source>
        <translation>将所有面板恢复到首次启动时的位置</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Pluvia</source>
        <translation>关于 Pluvia(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Cannot open workspace: %1</source>
        <translation>无法打开工作区：%1</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Cannot open the workspace.

%1</source>
        <translation>无法打开该工作区。

%1</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>工作区：%1</translation>
    </message>
    <message>
        <source>%1 — Pluvia</source>
        <translation>%1 — Pluvia</translation>
    </message>
    <message>
        <source>Opened workspace %1 (datasets: %2)</source>
        <translation>已打开工作区 %1（数据集：%2）</translation>
    </message>
    <message>
        <source>Building the demo workspace in %1 …</source>
        <translation>正在 %1 中构建演示工作区 …</translation>
    </message>
    <message>
        <source>Building the demo workspace…</source>
        <translation>正在构建演示工作区…</translation>
    </message>
    <message>
        <source>Demo workspace failed: %1</source>
        <translation>演示工作区构建失败：%1</translation>
    </message>
    <message>
        <source>Demo workspace failed</source>
        <translation>演示工作区构建失败</translation>
    </message>
    <message>
        <source>Choose a Checkpoint</source>
        <translation>选择检查点</translation>
    </message>
    <message>
        <source>Pluvia checkpoints (*.pt)</source>
        <translation>Pluvia 检查点 (*.pt)</translation>
    </message>
    <message>
        <source>Choose a Rainy Image</source>
        <translation>选择有雨图像</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图像 (%1)</translation>
    </message>
    <message>
        <source>Decomposing %1 with %2 …</source>
        <translation>正在用 %2 分解 %1 …</translation>
    </message>
    <message>
        <source>Cannot decompose: %1</source>
        <translation>无法分解：%1</translation>
    </message>
    <message>
        <source>Decomposed %1 (%2, step %3): largest |O − (B + R)| %4</source>
        <translation>已分解 %1（%2，第 %3 步）：最大 |O − (B + R)| 为 %4</translation>
    </message>
    <message>
        <source>Cannot show the sample: %1</source>
        <translation>无法显示样本：%1</translation>
    </message>
    <message>
        <source>generated (see its manifest for the provenance)</source>
        <translation>生成的（来源信息见其清单文件）</translation>
    </message>
    <message>
        <source>Cannot register %1: %2</source>
        <translation>无法注册 %1：%2</translation>
    </message>
    <message>
        <source>Registered the dataset %1 (%2)</source>
        <translation>已注册数据集 %1（%2）</translation>
    </message>
    <message>
        <source>Inspecting %1 …</source>
        <translation>正在检查 %1 …</translation>
    </message>
    <message>
        <source>Cannot add %1: %2</source>
        <translation>无法添加 %1：%2</translation>
    </message>
    <message>
        <source>Add a Dataset</source>
        <translation>添加数据集</translation>
    </message>
    <message>
        <source>Quit Pluvia</source>
        <translation>退出 Pluvia</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>The language changes when Pluvia starts again: %1</source>
        <translation>重新启动 Pluvia 后语言将切换为：%1</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause / Resume</source>
        <translation>暂停 / 继续(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Resume Selected Run</source>
        <translation>继续所选运行(&amp;R)</translation>
    </message>
    <message>
        <source>Continue the run selected in Runs from its last checkpoint</source>
        <translation>从最新检查点继续“运行列表”中所选的运行</translation>
    </message>
    <message>
        <source>Resuming run %1 from its last checkpoint</source>
        <translation>正在从最新检查点继续运行 %1</translation>
    </message>
    <message>
        <source>Run %1 is already training</source>
        <translation>运行 %1 已在训练中</translation>
    </message>
    <message numerus="yes">
        <source>Runs training: %n. Stop them after their current step (checkpoints are written, and the runs can be resumed) and quit?</source>
        <translation>
            <numerusform>正在训练的运行：%n 个。在当前步之后停止它们（会写入检查点，之后可继续）并退出吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add Dataset…</source>
        <translation>添加数据集(&amp;A)…</translation>
    </message>
    <message>
        <source>Inspect a folder and register it as a dataset (as dropping it)</source>
        <translation>检查一个文件夹并将其登记为数据集（与拖放相同）</translation>
    </message>
    <message>
        <source>Derain &amp;Images…</source>
        <translation>对图像去雨(&amp;I)…</translation>
    </message>
    <message>
        <source>Derain Images</source>
        <translation>对图像去雨</translation>
    </message>
    <message>
        <source>Starter models: %1</source>
        <translation>内置模型：%1</translation>
    </message>
    <message>
        <source>run %1: %2</source>
        <translation>运行 %1：%2</translation>
    </message>
    <message>
        <source>run %1 ended: %2</source>
        <translation>运行 %1 已结束：%2</translation>
    </message>
    <message>
        <source>Time-lapse</source>
        <translation>延时序列</translation>
    </message>
    <message>
        <source>Import &amp;Video as Time-Lapse…</source>
        <translation>将视频导入为延时序列(&amp;V)…</translation>
    </message>
    <message>
        <source>Import a Video</source>
        <translation>导入视频</translation>
    </message>
    <message>
        <source>Videos (%1)</source>
        <translation>视频 (%1)</translation>
    </message>
    <message>
        <source>Extract a video&apos;s frames into a time-lapse dataset (as dropping the video on the dataset list)</source>
        <translation>将视频的帧提取到延时序列数据集中（与将视频拖放到数据集列表相同）</translation>
    </message>
    <message>
        <source>No dataset named %1 in this workspace</source>
        <translation>此工作区中没有名为 %1 的数据集</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Open a workspace before importing %1</source>
        <translation>导入 %1 之前请先打开工作区</translation>
    </message>
    <message>
        <source>Importing the frames of %1 into %2 …</source>
        <translation>正在将 %1 的帧导入 %2 …</translation>
    </message>
    <message>
        <source>Cannot import the video: %1</source>
        <translation>无法导入视频：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n frame(s), camera shift median %2 px, first to last %3 px</source>
        <translation>
            <numerusform>%1：%n 帧，相机位移中位数 %2 px，首帧到末帧 %3 px</numerusform>
        </translation>
    </message>
    <message>
        <source>frames imported from videos</source>
        <translation>从视频导入的帧</translation>
    </message>
    <message>
        <source>Importing a video: frame %1 of %2</source>
        <translation>正在导入视频：第 %1 / %2 帧</translation>
    </message>
    <message>
        <source>Swap rainy and clean</source>
        <translation>交换有雨与无雨</translation>
    </message>
    <message>
        <source>%1: rainy and clean swapped in manifest.json (delete it to return to detection)</source>
        <translation>%1：已在 manifest.json 中交换有雨与无雨（删除该文件即恢复自动检测）</translation>
    </message>
    <message>
        <source>Export PyTorch Weights</source>
        <translation>导出 PyTorch 权重</translation>
    </message>
    <message>
        <source>PyTorch state dict (*.pth *.pt)</source>
        <translation>PyTorch state dict (*.pth *.pt)</translation>
    </message>
    <message>
        <source>Exporting the weights of %1 …</source>
        <translation>正在导出 %1 的权重 …</translation>
    </message>
    <message>
        <source>Cannot export the weights: %1</source>
        <translation>无法导出权重：%1</translation>
    </message>
    <message>
        <source>%1: %2 step %3, networks %4 (%5 tensors) — in Python: state = torch.load(&quot;%1&quot;)</source>
        <translation>%1：%2 第 %3 步，网络 %4（%5 个张量）— 在 Python 中：state = torch.load(&quot;%1&quot;)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>%1 on %2: O the rainy image, B this row&apos;s output, then the other rows&apos;</source>
        <translation>%1 在 %2 上：O 为有雨图像，B 为该行的输出，其后为其他各行的输出</translation>
    </message>
    <message>
        <source>Cannot show the comparison: %1</source>
        <translation>无法显示比较：%1</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::ComparePanel</name>
    <message>
        <source>NIQE (no reference; lower is better)</source>
        <translation>NIQE（无参考；越低越好）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>导出图…</translation>
    </message>
    <message>
        <source>Saved comparisons</source>
        <translation>已保存的比较</translation>
    </message>
    <message>
        <source>Reopen a comparison saved in this workspace (outputs are cached)</source>
        <translation>重新打开此工作区中保存的比较（输出已缓存）</translation>
    </message>
    <message>
        <source>Saved as comparisons/&lt;name&gt;/ in the workspace</source>
        <translation>保存在工作区的 comparisons/&lt;name&gt;/ 中</translation>
    </message>
    <message>
        <source>Checkpoints compared, one row each after the rainy input; add them here or with Runs → Add to comparison</source>
        <translation>参与比较的检查点，在有雨输入之后每个一行；在此处或通过“运行记录 → 加入比较”添加</translation>
    </message>
    <message>
        <source>The test sets: PSNR-Y / SSIM-Y where a set has ground truth</source>
        <translation>测试集：有真值的测试集给出 PSNR-Y / SSIM-Y</translation>
    </message>
    <message>
        <source>Add checkpoint…</source>
        <translation>添加检查点…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Add Checkpoints</source>
        <translation>添加检查点</translation>
    </message>
    <message>
        <source>Pluvia checkpoints and models (*.pt)</source>
        <translation>Pluvia 检查点和模型 (*.pt)</translation>
    </message>
    <message>
        <source>PSNR-Y dB / SSIM-Y (higher is better) and NIQE (lower is better); the best of each column in bold. Double-click a cell to see that row&apos;s output as layers</source>
        <translation>PSNR-Y dB / SSIM-Y（越高越好）与 NIQE（越低越好）；每列最佳值加粗。双击单元格可按图层查看该行的输出</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Rows (checkpoints)</source>
        <translation>行（检查点）</translation>
    </message>
    <message>
        <source>Test sets</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>请先打开工作区。</translation>
    </message>
    <message>
        <source>Tick at least one test set.</source>
        <translation>请至少勾选一个测试集。</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n row(s) on %1 …</source>
        <translation>
            <numerusform>正在 %1 上比较 %n 行 …</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled; run again to go on (finished outputs are kept).</source>
        <translation>已取消；再次运行即可继续（已完成的输出会保留）。</translation>
    </message>
    <message>
        <source>%1 rows in %2 s; saved in %3</source>
        <translation>%1 行，用时 %2 秒；保存在 %3</translation>
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
        <translation>%1，第 %2 步</translation>
    </message>
    <message>
        <source>Export Table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>Markdown (*.md);;CSV (*.csv);;LaTeX (*.latex *.tex);;JSON (*.json)</source>
        <translation>Markdown (*.md);;CSV (*.csv);;LaTeX (*.latex *.tex);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Table written to %1</source>
        <translation>表格已写入 %1</translation>
    </message>
    <message>
        <source>Export Figure</source>
        <translation>导出图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF page (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 页面 (*.pdf)</translation>
    </message>
    <message>
        <source>%1: cannot write the figure</source>
        <translation>%1：无法写入图</translation>
    </message>
    <message>
        <source>Figure written to %1</source>
        <translation>图已写入 %1</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::DatasetBrowser</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>按名称筛选</translation>
    </message>
    <message>
        <source>item </source>
        <translation>第</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>跳转</translation>
    </message>
    <message>
        <source>Problems (skipped files)</source>
        <translation>问题（已跳过的文件）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 items</source>
        <translation>显示 %1 / %2 项</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::DatasetListWidget</name>
    <message>
        <source>Paired</source>
        <translation>成对</translation>
    </message>
    <message>
        <source>Unpaired</source>
        <translation>非成对</translation>
    </message>
    <message>
        <source>Time-lapse</source>
        <translation>延时序列</translation>
    </message>
    <message>
        <source>Filter datasets by name</source>
        <translation>按名称筛选数据集</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::DatasetSummaryWidget</name>
    <message>
        <source>paired</source>
        <translation>成对</translation>
    </message>
    <message>
        <source>unpaired</source>
        <translation>非成对</translation>
    </message>
    <message>
        <source>time-lapse</source>
        <translation>延时序列</translation>
    </message>
    <message>
        <source>pairs: %1</source>
        <translation>图像对：%1</translation>
    </message>
    <message>
        <source>images: %1</source>
        <translation>图像：%1</translation>
    </message>
    <message>
        <source>scenes: %1, frames: %2</source>
        <translation>场景：%1，帧：%2</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>No dataset selected</source>
        <translation>未选择数据集</translation>
    </message>
    <message>
        <source>Inspecting %1 …</source>
        <translation>正在检查 %1 …</translation>
    </message>
    <message>
        <source>Cannot use this dataset: %1</source>
        <translation>无法使用此数据集：%1</translation>
    </message>
    <message>
        <source>Kind: %1 (layout “%2”)</source>
        <translation>类型：%1（布局“%2”）</translation>
    </message>
    <message>
        <source>Contents: %1</source>
        <translation>内容：%1</translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation>位置：%1</translation>
    </message>
    <message>
        <source>Image sizes: %1–%2 × %3–%4 px (mean %5 × %6)</source>
        <translation>图像尺寸：%1–%2 × %3–%4 px（平均 %5 × %6）</translation>
    </message>
    <message>
        <source>Problem files skipped: %1</source>
        <translation>已跳过的问题文件：%1</translation>
    </message>
    <message>
        <source>Rainy and clean are the other way round</source>
        <translation>有雨与无雨弄反了</translation>
    </message>
    <message>
        <source>Writes manifest.json into the dataset&apos;s folder with the rainy and clean images swapped; it then decides the pairs (delete it to return to detection).</source>
        <translation>在数据集文件夹中写入 manifest.json，其中有雨与无雨图像互换；此后由它决定配对（删除该文件即恢复自动检测）。</translation>
    </message>
    <message>
        <source>Pairing: %1</source>
        <translation>配对：%1</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::DerainQueue</name>
    <message>
        <source>no checkpoint</source>
        <translation>未选择检查点</translation>
    </message>
    <message>
        <source>no output folder</source>
        <translation>未选择输出文件夹</translation>
    </message>
    <message>
        <source>Also save R (rain/)</source>
        <translation>同时保存 R（rain/）</translation>
    </message>
    <message>
        <source>Derain</source>
        <translation>去雨</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Checkpoint…</source>
        <translation>检查点…</translation>
    </message>
    <message>
        <source>Choose a Checkpoint</source>
        <translation>选择检查点</translation>
    </message>
    <message>
        <source>Pluvia checkpoints (*.pt)</source>
        <translation>Pluvia 检查点 (*.pt)</translation>
    </message>
    <message>
        <source>Output folder…</source>
        <translation>输出文件夹…</translation>
    </message>
    <message>
        <source>Save Derained Images In</source>
        <translation>去雨图像保存位置</translation>
    </message>
    <message>
        <source>Add images…</source>
        <translation>添加图像…</translation>
    </message>
    <message>
        <source>Add Images</source>
        <translation>添加图像</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图像 (%1)</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Add a Folder of Images</source>
        <translation>添加图像文件夹</translation>
    </message>
    <message>
        <source>Clear done</source>
        <translation>清除已完成</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message numerus="yes">
        <source>%n derained image(s) already exist in %1.</source>
        <translation>
            <numerusform>%1 中已存在 %n 张去雨图像。</numerusform>
        </translation>
    </message>
    <message>
        <source>Skip them</source>
        <translation>跳过这些图像</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>running</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>cancelled (pending)</source>
        <translation>已取消（待处理）</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 of %2 images handled</source>
        <translation>已处理 %1 / %2 张图像</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>skipped (exists)</source>
        <translation>已跳过（已存在）</translation>
    </message>
    <message>
        <source>%1 tiles of %2 px</source>
        <translation>%1 个分块（每块 %2 px）</translation>
    </message>
    <message>
        <source>whole image</source>
        <translation>整幅图像</translation>
    </message>
    <message numerus="yes">
        <source> (smaller tiles after running out of memory %n time(s))</source>
        <translation>
            <numerusform>（内存不足 %n 次后改用更小的分块）</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop images or folders here, choose a model and an output folder.</source>
        <translation>将图像或文件夹拖放到此处，选择模型和输出文件夹。</translation>
    </message>
    <message>
        <source>%1 of %2 tiles, %3 left</source>
        <translation>图块 %1/%2，剩余 %3</translation>
    </message>
    <message>
        <source>time unknown</source>
        <translation>时间未知</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>a starter model: its name, then its card&apos;s label</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 of each scene (baseline, time-lapse only)</source>
        <translation>各场景的 %1（基线，仅限延时序列）</translation>
    </message>
    <message>
        <source>Add time-lapse…</source>
        <translation>添加延时序列…</translation>
    </message>
    <message>
        <source>Every frame of a time-lapse dataset, written as &lt;output&gt;/&lt;scene&gt;/&lt;frame&gt;.png</source>
        <translation>延时序列数据集的每一帧，写入 &lt;output&gt;/&lt;scene&gt;/&lt;frame&gt;.png</translation>
    </message>
    <message>
        <source>Add a Time-Lapse Dataset</source>
        <translation>添加延时序列数据集</translation>
    </message>
    <message>
        <source>Reading %1 …</source>
        <translation>正在读取 %1 …</translation>
    </message>
    <message>
        <source>Cannot add %1: %2</source>
        <translation>无法添加 %1：%2</translation>
    </message>
    <message>
        <source>no scene with frames</source>
        <translation>没有含帧的场景</translation>
    </message>
    <message numerus="yes">
        <source>%n frame(s) of %1 queued</source>
        <translation>
            <numerusform>已将 %1 的 %n 帧加入队列</numerusform>
        </translation>
    </message>
    <message>
        <source>a temporal baseline derains the frames of a time-lapse scene, not single images</source>
        <translation>时域基线只能对延时序列场景的帧去雨，不能处理单张图像</translation>
    </message>
    <message>
        <source>Nothing for the baseline to derain: it takes time-lapse frames</source>
        <translation>没有可供基线去雨的内容：它需要延时序列的帧</translation>
    </message>
    <message>
        <source>%1 of %2 scenes, %3 left</source>
        <translation>场景 %1/%2，剩余 %3</translation>
    </message>
    <message>
        <source>NIQE (lower is better)</source>
        <translation>NIQE（越低越好）</translation>
    </message>
    <message>
        <source>NIQE (Mittal et al. 2013): a no-reference quality score, rainy input → derained image. Lower is better; it needs no ground truth, so it also scores real rain.</source>
        <translation>NIQE（Mittal 等，2013）：无参考质量评分，有雨输入 → 去雨图像。越低越好；它不需要真值，因此也能为真实雨图打分。</translation>
    </message>
    <message>
        <source>NIQE of the rainy input %1, of the derained image %2 (lower is better)</source>
        <translation>有雨输入的 NIQE 为 %1，去雨图像的为 %2（越低越好）</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::DomainGapChart</name>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>k-NN acc.</source>
        <translation>k-NN 准确率</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::ExportDialog</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <source>Export a Generated Rainy Dataset</source>
        <translation>导出生成的有雨数据集</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a Checkpoint</source>
        <translation>选择检查点</translation>
    </message>
    <message>
        <source>Pluvia checkpoints (*.pt)</source>
        <translation>Pluvia 检查点 (*.pt)</translation>
    </message>
    <message>
        <source>Choose a Folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>The synthesizer&apos;s rain for methods that translate synthetic rain (JRGR&apos;s S2R)</source>
        <translation>合成器生成的雨，用于转换合成雨的方法（JRGR 的 S2R）</translation>
    </message>
    <message>
        <source>Each variant is a full pass with its own seed, in variant-k/</source>
        <translation>每个变体都是使用各自种子完整生成一遍，保存在 variant-k/ 中</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Clean images</source>
        <translation>无雨图像</translation>
    </message>
    <message>
        <source>Real rainy images</source>
        <translation>真实有雨图像</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Synthetic rain</source>
        <translation>合成雨</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>变体数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Generating a preview of %1 images …</source>
        <translation>正在生成 %1 张图像的预览 …</translation>
    </message>
    <message>
        <source>Cannot preview: %1</source>
        <translation>无法预览：%1</translation>
    </message>
    <message>
        <source>generated rainy image</source>
        <translation>生成的有雨图像</translation>
    </message>
    <message>
        <source>its rain layer (generated − clean)</source>
        <translation>其雨层（生成图像 − 无雨图像）</translation>
    </message>
    <message>
        <source>Preview: %1 generated images (top) and their rain layers (bottom). Export writes the whole set.</source>
        <translation>预览：%1 张生成的图像（上）及其雨层（下）。导出时将写入整个数据集。</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>请选择输出文件夹。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n dataset(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个数据集导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Variant %1 of %2 …</source>
        <translation>第 %1 / %2 个变体 …</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <source>UDRDR: the real rain it carries over; DerainCycleGAN: optional, steers its rain</source>
        <translation>UDRDR：要迁移的真实雨；DerainCycleGAN：可选，用于引导生成的雨</translation>
    </message>
    <message>
        <source>Cancelled; the unfinished dataset has no manifest. Export again to the same folder to finish it.</source>
        <translation>已取消；未完成的数据集没有 manifest。再次导出到同一文件夹即可完成。</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::FrameScorePlot</name>
    <message>
        <source>frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>PSNR</source>
        <translation>PSNR</translation>
    </message>
    <message>
        <source>temporal mean</source>
        <translation>时域均值</translation>
    </message>
    <message>
        <source>temporal median</source>
        <translation>时域中位数</translation>
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
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗格</translation>
    </message>
    <message>
        <source>Fit the image to the panes</source>
        <translation>使图像适应窗格大小</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>One image pixel per screen pixel</source>
        <translation>每个图像像素对应一个屏幕像素</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>Compare two layers in one pane with a split line</source>
        <translation>在一个窗格中用分割线比较两个图层</translation>
    </message>
    <message>
        <source>Flip</source>
        <translation>互换</translation>
    </message>
    <message>
        <source>Swap the two compared layers (A/B)</source>
        <translation>互换比较的两个图层（A/B）</translation>
    </message>
    <message>
        <source>Layer left of the split line</source>
        <translation>分割线左侧的图层</translation>
    </message>
    <message>
        <source>Layer right of the split line</source>
        <translation>分割线右侧的图层</translation>
    </message>
    <message>
        <source>No decomposition yet: derain an image or start a run to see its O, B and R here.</source>
        <translation>尚无分解结果：对图像去雨或开始一个运行，即可在此查看其 O、B 和 R。</translation>
    </message>
    <message>
        <source>Decomposition</source>
        <translation>分解</translation>
    </message>
    <message>
        <source>%1 — run %2, step %3</source>
        <translation>%1 — 运行 %2，第 %3 步</translation>
    </message>
    <message>
        <source>Point at the image to read every layer&apos;s value; wheel zooms, drag pans, double-click fits.</source>
        <translation>将指针指向图像可读取各图层的值；滚轮缩放，拖动平移，双击适应窗格。</translation>
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
        <translation>%1：蓝 −%2 · 黑 0 · 红 +%2</translation>
    </message>
    <message>
        <source>%1: blue −%2 · white 0 · red +%2</source>
        <translation>%1：蓝 −%2 · 白 0 · 红 +%2</translation>
    </message>
    <message>
        <source> (full colour at the 99th percentile of |value|; the residual at one 8-bit level, 1/255).</source>
        <translation>（颜色在 |值| 的第 99 百分位处达到饱和；残差在一个 8 位量化级即 1/255 处饱和）。</translation>
    </message>
    <message>
        <source> Largest |O − (B + R)|: %1.</source>
        <translation>最大 |O − (B + R)|：%1。</translation>
    </message>
    <message>
        <source>%1 — NIQE O %2 → B %3 (lower is better)</source>
        <translation>%1 — NIQE O %2 → B %3（越低越好）</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::LossPlot</name>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Smoothing: debiased exponential moving average (as TensorBoard)</source>
        <translation>平滑：去偏指数移动平均（与 TensorBoard 相同）</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>relative time</source>
        <translation>相对时间</translation>
    </message>
    <message>
        <source>wall time</source>
        <translation>实际时间</translation>
    </message>
    <message>
        <source>All runs</source>
        <translation>所有运行</translation>
    </message>
    <message>
        <source>Overlay every run of the workspace</source>
        <translation>叠加显示工作区中的所有运行</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export the Chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG (*.png);;PDF (*.pdf);;CSV (*.csv)</source>
        <translation>PNG (*.png);;PDF (*.pdf);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x 轴</translation>
    </message>
    <message>
        <source>seconds since the first point</source>
        <translation>自第一个点起的秒数</translation>
    </message>
    <message>
        <source>%1: %2 at %3</source>
        <translation>%1：%2（x = %3）</translation>
    </message>
    <message>
        <source>%1: cannot write the file</source>
        <translation>%1：无法写入文件</translation>
    </message>
    <message>
        <source>%1: choose .png, .pdf or .csv</source>
        <translation>%1：请选择 .png、.pdf 或 .csv</translation>
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
        <translation>预设：论文中的取值、公开代码中的取值，或适合 CPU 的快速配置</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
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
范围：%2
论文值：%3
来源：%4</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数</translation>
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
        <translation>运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Measure over checkpoints</source>
        <translation>逐检查点测量</translation>
    </message>
    <message>
        <source>The points inside the lasso (Shift+drag on the map)</source>
        <translation>套索内的点（在特征图上 Shift+拖动）</translation>
    </message>
    <message>
        <source>%1 points · iteration %2 of %3 · KL %4</source>
        <translation>%1 个点 · 第 %2 / %3 次迭代 · KL %4</translation>
    </message>
    <message>
        <source>Cannot map %1: %2</source>
        <translation>无法映射 %1：%2</translation>
    </message>
    <message>
        <source>%1 points · PCA</source>
        <translation>%1 个点 · PCA</translation>
    </message>
    <message>
        <source>%1 points · %2 iterations%3 · KL %4 · %5 s</source>
        <translation>%1 个点 · %2 次迭代%3 · KL %4 · %5 s</translation>
    </message>
    <message>
        <source> (stopped)</source>
        <translation>（已停止）</translation>
    </message>
    <message>
        <source>Rain statistics</source>
        <translation>雨统计特征</translation>
    </message>
    <message>
        <source>Raw rain layer (16×16)</source>
        <translation>原始雨层（16×16）</translation>
    </message>
    <message>
        <source>crops per role: </source>
        <translation>每个数据角色的裁剪块数：</translation>
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
        <translation>困惑度：</translation>
    </message>
    <message>
        <source> iterations</source>
        <translation>次迭代</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>种子：</translation>
    </message>
    <message>
        <source>The domain gap at every checkpoint of this run, on the same crops, recorded with the run&apos;s metrics</source>
        <translation>在相同裁剪块上测量此运行每个检查点的域差距，并记录到该运行的指标中</translation>
    </message>
    <message>
        <source>From checkpoint…</source>
        <translation>从检查点…</translation>
    </message>
    <message>
        <source>Open features…</source>
        <translation>打开特征…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Choose a Checkpoint</source>
        <translation>选择检查点</translation>
    </message>
    <message>
        <source>Pluvia checkpoints (*.pt)</source>
        <translation>Pluvia 检查点 (*.pt)</translation>
    </message>
    <message>
        <source>Open Features</source>
        <translation>打开特征</translation>
    </message>
    <message>
        <source>Feature tables (*.csv)</source>
        <translation>特征表 (*.csv)</translation>
    </message>
    <message>
        <source>Choose a checkpoint (its rain layers, on the data its run trained on) or open a features CSV, then Run.</source>
        <translation>选择一个检查点（使用其在所属运行训练数据上得到的雨层），或打开特征 CSV，然后点击“运行”。</translation>
    </message>
    <message>
        <source>Extracting rain-layer features with %1 …</source>
        <translation>正在用 %1 提取雨层特征 …</translation>
    </message>
    <message>
        <source>Reading %1 …</source>
        <translation>正在读取 %1 …</translation>
    </message>
    <message>
        <source>Cannot load the features: %1</source>
        <translation>无法加载特征：%1</translation>
    </message>
    <message>
        <source>Domain gap in feature space, %1 (%2) vs %3 (%4): balanced %5-NN domain accuracy %6 (0.5 = indistinguishable, 1 = separate) · MMD² %7 (Gaussian kernel, σ = the median distance %8)</source>
        <translation>特征空间中的域差距，%1（%2）对比 %3（%4）：平衡 %5-NN 域分类准确率 %6（0.5 = 无法区分，1 = 完全分开）· MMD² %7（高斯核，σ = 中位距离 %8）</translation>
    </message>
    <message>
        <source>Domain gap: the points hold fewer than two domains.</source>
        <translation>域差距：这些点所含的域少于两个。</translation>
    </message>
    <message>
        <source>%1 points of %2 features from %3, in %4 groups. Run maps them.</source>
        <translation>来自 %3 的 %1 个点（每点 %2 个特征），共 %4 组。点击“运行”进行映射。</translation>
    </message>
    <message>
        <source>Mapping %1 points …</source>
        <translation>正在映射 %1 个点 …</translation>
    </message>
    <message>
        <source>(no group)</source>
        <translation>（无分组）</translation>
    </message>
    <message>
        <source>%1
%2
crop %3</source>
        <translation>%1
%2
裁剪块 %3</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) in the lasso</source>
        <translation>
            <numerusform>套索内有 %n 个点</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 belongs to no run of this workspace</source>
        <translation>%1 不属于此工作区的任何运行</translation>
    </message>
    <message>
        <source>Measuring the domain gap at every checkpoint of run %1 …</source>
        <translation>正在测量运行 %1 每个检查点的域差距 …</translation>
    </message>
    <message>
        <source>Cannot measure the history: %1</source>
        <translation>无法测量历史变化：%1</translation>
    </message>
    <message>
        <source>Domain gap measured at %1 checkpoints of run %2</source>
        <translation>已在运行 %2 的 %1 个检查点上测量域差距</translation>
    </message>
    <message>
        <source>%1: there is no map to export yet</source>
        <translation>%1：尚无可导出的特征图</translation>
    </message>
    <message>
        <source>%1: choose .csv, .png or .pdf</source>
        <translation>%1：请选择 .csv、.png 或 .pdf</translation>
    </message>
    <message>
        <source>%1: cannot write the file</source>
        <translation>%1：无法写入文件</translation>
    </message>
    <message>
        <source>Export the Map</source>
        <translation>导出特征图</translation>
    </message>
    <message>
        <source>CSV (*.csv);;PNG image (*.png);;PDF (*.pdf)</source>
        <translation>CSV (*.csv);;PNG 图像 (*.png);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Features of each rain layer: orientation and intensity histograms, density and moments; the layer itself, downsampled; or, once a checkpoint is loaded, the activations of one of its method&apos;s network layers. Changing it extracts again.</source>
        <translation>每个雨层的特征：方向与强度直方图、密度和矩；雨层本身（降采样）；或在载入检查点后，其方法某个网络层的激活。更改后会重新提取。</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>网络层 %1</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::RunsTable</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Best PSNR-Y</source>
        <translation>最佳 PSNR-Y</translation>
    </message>
    <message>
        <source>SSIM-Y</source>
        <translation>SSIM-Y</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Filter runs (any column)</source>
        <translation>筛选运行（任意列）</translation>
    </message>
    <message>
        <source>Select a run to see its reproducibility card.</source>
        <translation>选择一个运行以查看其可复现性卡片。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n 个运行</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue the selected run from its last checkpoint</source>
        <translation>从最新检查点继续所选运行</translation>
    </message>
    <message>
        <source>The run&apos;s checkpoints; double-click one to derain with it</source>
        <translation>该运行的检查点；双击其中一个即可用它去雨</translation>
    </message>
    <message>
        <source>Derain with it</source>
        <translation>用它去雨</translation>
    </message>
    <message>
        <source>Rain-feature map</source>
        <translation>雨特征图</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>step %1 (%2)</source>
        <translation>第 %1 步（%2）</translation>
    </message>
    <message>
        <source>Export weights…</source>
        <translation>导出权重…</translation>
    </message>
    <message>
        <source>Write the checkpoint&apos;s networks as a PyTorch state dict (torch.load reads it)</source>
        <translation>将检查点的网络写为 PyTorch state dict（torch.load 可读取）</translation>
    </message>
    <message>
        <source>Add to comparison</source>
        <translation>加入比较</translation>
    </message>
    <message>
        <source>A row of the Compare tab&apos;s results table</source>
        <translation>“比较”标签页结果表中的一行</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::SchedulePlot</name>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>The learning rate of each network over the run and its stages, as training will set them. Every schedule is a share of the run, so a shorter run keeps this shape.</source>
        <translation>训练时每个网络在整个运行中的学习率及其阶段。每个调度都是运行的一个比例，因此较短的运行保持相同的形状。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>% of the run</source>
        <translation>运行的 %</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::TemporalConsistencyView</name>
    <message>
        <source>Derain Sequence</source>
        <translation>序列去雨</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>A scene of the time-lapse dataset selected in the dataset list</source>
        <translation>数据集列表中所选延时序列数据集的一个场景</translation>
    </message>
    <message>
        <source>The model that derains each frame on its own, or a temporal baseline that gives every frame the same background</source>
        <translation>逐帧单独去雨的模型，或为每一帧给出相同背景的时域基线</translation>
    </message>
    <message>
        <source>%1 of all frames (baseline)</source>
        <translation>所有帧的 %1（基线）</translation>
    </message>
    <message>
        <source>Play the frames (Space)</source>
        <translation>播放各帧（空格键）</translation>
    </message>
    <message>
        <source>Frame (Left/Right step through them)</source>
        <translation>帧（左/右方向键逐帧切换）</translation>
    </message>
    <message>
        <source>The temporal standard deviation per pixel, averaged over the frame (of 255): a static scene&apos;s background does not change, so a method consistent over time lowers it</source>
        <translation>每个像素的时域标准差在整帧上的平均值（范围 0–255）：静态场景的背景不会变化，因此时间上一致的方法会使其降低</translation>
    </message>
    <message>
        <source>Scene:</source>
        <translation>场景：</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message numerus="yes">
        <source>%1 / %2 (%n frame(s))</source>
        <translation>
            <numerusform>%1 / %2（%n 帧）</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a time-lapse dataset in the dataset list to derain its scenes frame by frame.</source>
        <translation>在数据集列表中选择一个延时序列数据集，即可逐帧对其场景去雨。</translation>
    </message>
    <message>
        <source>%1 (starter model)</source>
        <translation>%1（内置模型）</translation>
    </message>
    <message>
        <source>frame %1 of %2</source>
        <translation>第 %1 / %2 帧</translation>
    </message>
    <message>
        <source>Deraining %1 with %2 …</source>
        <translation>正在用 %2 对 %1 去雨 …</translation>
    </message>
    <message>
        <source>frame %v of %m</source>
        <translation>第 %v / %m 帧</translation>
    </message>
    <message>
        <source>Cannot derain the scene: %1</source>
        <translation>无法对场景去雨：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1: cancelled after %n frame(s)</source>
        <translation>
            <numerusform>%1：处理 %n 帧后已取消</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n frame(s) derained by %2</source>
        <translation>
            <numerusform>%1：已用 %2 对 %n 帧去雨</numerusform>
        </translation>
    </message>
    <message>
        <source>Temporal std, mean over the frame: O %1, B %2 (of 255; lower is more consistent)</source>
        <translation>时域标准差（整帧平均）：O %1，B %2（范围 0–255；越低越一致）</translation>
    </message>
    <message>
        <source>frame %1 of %2 (%3)</source>
        <translation>第 %1 / %2 帧（%3）</translation>
    </message>
    <message>
        <source>: %1 dB, SSIM %2</source>
        <translation>：%1 dB，SSIM %2</translation>
    </message>
    <message>
        <source>Cannot show the frame: %1</source>
        <translation>无法显示该帧：%1</translation>
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
（有雨图像 | 无雨图像 | R = O − B）</translation>
    </message>
</context>
<context>
    <name>pluvia::widgets::TrainingPanel</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>the method&apos;s epochs</source>
        <translation>方法默认轮数</translation>
    </message>
    <message>
        <source>Total training steps (0: the epochs the parameters give)</source>
        <translation>训练总步数（0：使用参数给定的轮数）</translation>
    </message>
    <message>
        <source>Start a new run with these settings</source>
        <translation>使用这些设置开始新的运行</translation>
    </message>
    <message>
        <source>Pause after the current step (a checkpoint is written); press again to resume</source>
        <translation>在当前步完成后暂停（会写入检查点）；再次点击可继续</translation>
    </message>
    <message>
        <source>Stop after the current step; the run stays resumable</source>
        <translation>在当前步完成后停止；该运行之后仍可继续</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(the clean images of %1)</source>
        <translation>（%1 的无雨图像）</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 images/s · ETA %4</source>
        <translation>%1 · %2 · %3 张图像/秒 · 预计剩余 %4</translation>
    </message>
    <message>
        <source>run %1: %2</source>
        <translation>运行 %1：%2</translation>
    </message>
    <message>
        <source>run %1 ended: %2</source>
        <translation>运行 %1 已结束：%2</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>The runs training now; Pause, Resume and Stop act on this one</source>
        <translation>正在训练的运行；暂停、继续和停止作用于此项</translation>
    </message>
    <message>
        <source>Active run</source>
        <translation>当前运行</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>正在启动…</translation>
    </message>
</context>
</TS>
